package io.tickhub.bench.load;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The load generator may only target this machine: hosts in 127.0.0.0/8, {@code localhost} or
 * {@code ::1}. Checked on the URL's text and again on the address actually connected to.
 */
final class LoopbackGuard {
  private static final Pattern IPV4 =
      Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

  private LoopbackGuard() {}

  /** Thrown for a target outside the loopback rule or a URL the tool does not speak. */
  static final class RefusedException extends Exception {
    RefusedException(String msg) {
      super(msg);
    }
  }

  /** True when the host text (brackets allowed around IPv6) is an allowed loopback name. */
  static boolean isAllowedHost(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    if (IPV4.matcher(h).matches()) {
      return true;
    }
    if (h.indexOf(':') >= 0 && h.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
      try {
        InetAddress a = InetAddress.getByName(h); // an IPv6 literal: no lookup
        return a instanceof Inet6Address && a.isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  /** Checks a ws:// URL and returns the loopback address to connect to. */
  static InetSocketAddress resolve(URI uri) throws RefusedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws")) {
      throw new RefusedException("only ws:// URLs are supported (got " + uri + ")");
    }
    String host = uri.getHost();
    if (!isAllowedHost(host)) {
      throw new RefusedException("refusing non-loopback target host " + (host == null ? uri.getAuthority() : host)
          + " (only 127.0.0.0/8, ::1 or localhost are allowed)");
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(h);
    } catch (UnknownHostException e) {
      throw new RefusedException("cannot resolve " + h + ": " + e.getMessage());
    }
    InetAddress pick = null;
    for (InetAddress a : all) {
      boolean ok = a.isLoopbackAddress()
          && (a instanceof Inet4Address ? (a.getAddress()[0] == 127) : a instanceof Inet6Address);
      if (!ok) {
        throw new RefusedException("refusing " + h + ": it resolves to non-loopback " + a.getHostAddress());
      }
      if (pick == null || (a instanceof Inet4Address && !(pick instanceof Inet4Address))) {
        pick = a; // prefer IPv4, as servers bound to 127.0.0.1 are the common case
      }
    }
    if (pick == null) {
      throw new RefusedException("cannot resolve " + h);
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : 80;
    return new InetSocketAddress(pick, port);
  }
}
