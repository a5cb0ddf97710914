package io.tickhub.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The command-line grammar the bench tools share: {@code --key value}, {@code --key=value}, bare flags. */
public final class CommandLine {

  /** Thrown for a bad command line; the message is shown with the usage text. */
  public static final class UsageException extends Exception {
    public UsageException(String msg) {
      super(msg);
    }
  }

  private CommandLine() {
  }

  /**
   * The options as key → value ({@code -h} is {@code --help}); a flag in {@code flags} given
   * without a value is {@code "true"}. An option given twice, a stray argument or a missing
   * value is a {@link UsageException}.
   */
  public static Map<String, String> parse(String[] args, Set<String> flags) throws UsageException {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i].equals("-h") ? "--help" : args[i];
      if (!a.startsWith("--") || a.length() == 2) {
        throw new UsageException("unexpected argument " + a);
      }
      String key = a.substring(2);
      String val;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        val = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (flags.contains(key)) {
        val = "true";
      } else if (i + 1 < args.length) {
        val = args[++i];
      } else {
        throw new UsageException("--" + key + " needs a value");
      }
      if (m.put(key, val) != null) {
        throw new UsageException("--" + key + " given twice");
      }
    }
    return m;
  }

  /** {@code v} as an int in {@code [min, max]}, or a {@link UsageException} naming {@code --k}. */
  public static int intIn(String k, String v, int min, int max) throws UsageException {
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + k + " needs an integer, got " + v);
    }
    if (n < min || n > max) {
      throw new UsageException("--" + k + " must be in " + min + ".." + max + ", got " + v);
    }
    return (int) n;
  }
}
