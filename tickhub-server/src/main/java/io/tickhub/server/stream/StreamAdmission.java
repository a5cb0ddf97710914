package io.tickhub.server.stream;

import io.tickhub.core.access.Grant;
import io.tickhub.server.http.limits.LimitRefusals;
import io.tickhub.server.security.AccessFilter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Admits WebSocket and Server-Sent Events connections up to a cap per hub and a cap per remote
 * address (the address Netty sees: a reverse proxy's own, unless {@code server.forward-headers-strategy}
 * is set). Checked before the upgrade or the stream's first byte, so a refused client gets an HTTP
 * answer: 503 when the hub is full, 429 when its address is. Each refusal is counted in
 * {@code tickhub_limits_refused_total{limit="stream_connections"|"stream_connections_per_address"}}.
 * Admissions are rare next to messages, so one lock keeps both counts exact.
 *
 * <p>With {@link StreamGrants}, a connection is also registered under its credential's subject
 * ({@link LiveStream}), within that subject's {@code connections} limit: past it, 429
 * {@code too_many_connections}, counted as {@code limit="stream_connections_per_key"}.
 */
public final class StreamAdmission {

    public static final String HUB_LIMIT = "stream_connections";
    public static final String ADDRESS_LIMIT = "stream_connections_per_address";
    public static final String KEY_LIMIT = "stream_connections_per_key";
    public static final String TOO_MANY_CONNECTIONS = "too_many_connections";

    private final int maxStreams;
    private final int maxPerAddress;
    private final LimitRefusals refusals;
    private final StreamGrants grants;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    public StreamAdmission(int maxStreams, int maxPerAddress, LimitRefusals refusals) {
        this(maxStreams, maxPerAddress, refusals, null);
    }

    /** @param grants registers each connection under its credential; null: nothing is registered */
    public StreamAdmission(int maxStreams, int maxPerAddress, LimitRefusals refusals, StreamGrants grants) {
        this.grants = grants;
        this.maxStreams = maxStreams;
        this.maxPerAddress = maxPerAddress;
        this.refusals = refusals;
        refusals.declare(HUB_LIMIT);
        refusals.declare(ADDRESS_LIMIT);
        refusals.declare(KEY_LIMIT);
    }

    /** Why a connection was not admitted, as the client is told. */
    public record Refusal(HttpStatus status, String code, String detail) {
    }

    /** A place taken; {@link #release()} gives it back, once however often it is called. */
    public final class Permit {
        private final InetAddress address;
        private final AtomicBoolean released = new AtomicBoolean();
        private final LiveStream live;

        private Permit(InetAddress address, LiveStream live) {
            this.address = address;
            this.live = live;
        }

        /** The connection's registration under its credential, or null when nothing is registered. */
        public LiveStream live() {
            return live;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                give(address);
                if (live != null) {
                    live.close();
                }
            }
        }
    }

    /** The outcome of {@link #admit}: exactly one of the two is non-null. */
    public record Admission(Permit permit, Refusal refusal) {
    }

    /** Takes a place for a connection from {@code remote} (null: unknown, counted under one shared key). */
    public Admission admit(InetSocketAddress remote) {
        return admit(remote, null, false);
    }

    /**
     * Takes a place for the streaming request of {@code exchange}, registered under the grant
     * {@link AccessFilter} decided for it (or, on {@code /ws} without a credential, to authenticate
     * by message); the permit's {@link LiveStream} is left in the exchange attribute
     * {@link StreamGrants#LIVE_STREAM} for the handler.
     */
    public Admission admit(ServerWebExchange exchange) {
        Admission admitted = admit(exchange.getRequest().getRemoteAddress(), AccessFilter.grantOf(exchange),
                Boolean.TRUE.equals(exchange.getAttribute(AccessFilter.AUTH_PENDING)));
        if (admitted.permit() != null && admitted.permit().live() != null) {
            exchange.getAttributes().put(StreamGrants.LIVE_STREAM, admitted.permit().live());
        }
        return admitted;
    }

    /**
     * Takes a place for a connection from {@code remote} acting as {@code grant} (null: nothing is
     * registered), or one that must authenticate by message ({@code pending}).
     */
    Admission admit(InetSocketAddress remote, Grant grant, boolean pending) {
        InetAddress address = remote == null ? null : remote.getAddress();
        Refusal refusal = take(address);
        if (refusal == null) {
            if (grants == null) {
                return new Admission(new Permit(address, null), null);
            }
            LiveStream live = grants.open(grant, pending, remote);
            if (live != null) {
                return new Admission(new Permit(address, live), null);
            }
            give(address);
            refusals.count(KEY_LIMIT);
            return new Admission(null, new Refusal(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_CONNECTIONS,
                    "This key (" + grant.subject() + ") holds its maximum of " + grant.limits().connections()
                            + " streaming connections; close one first"));
        }
        refusals.count(refusal.code());
        return new Admission(null, refusal);
    }

    private synchronized Refusal take(InetAddress address) {
        if (total >= maxStreams) {
            return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, HUB_LIMIT,
                    "The hub holds its maximum of " + maxStreams + " streaming connections; try again shortly");
        }
        int mine = perAddress.getOrDefault(address, 0);
        if (mine >= maxPerAddress) {
            return new Refusal(HttpStatus.TOO_MANY_REQUESTS, ADDRESS_LIMIT,
                    "Too many streaming connections from your address (at most " + maxPerAddress + ")");
        }
        perAddress.put(address, mine + 1);
        total++;
        return null;
    }

    private synchronized void give(InetAddress address) {
        total--;
        perAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** Streaming connections admitted and not yet released. */
    public synchronized int admitted() {
        return total;
    }
}
