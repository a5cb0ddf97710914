package io.tickhub.server.stream;

import io.tickhub.server.http.limits.LimitRefusals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;

/**
 * Admits WebSocket and Server-Sent Events connections up to a cap per hub and a cap per remote
 * address (the address Netty sees: a reverse proxy's own, unless {@code server.forward-headers-strategy}
 * is set). Checked before the upgrade or the stream's first byte, so a refused client gets an HTTP
 * answer: 503 when the hub is full, 429 when its address is. Each refusal is counted in
 * {@code tickhub_limits_refused_total{limit="stream_connections"|"stream_connections_per_address"}}.
 * Admissions are rare next to messages, so one lock keeps both counts exact.
 */
public final class StreamAdmission {

    public static final String HUB_LIMIT = "stream_connections";
    public static final String ADDRESS_LIMIT = "stream_connections_per_address";

    private final int maxStreams;
    private final int maxPerAddress;
    private final LimitRefusals refusals;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    public StreamAdmission(int maxStreams, int maxPerAddress, LimitRefusals refusals) {
        this.maxStreams = maxStreams;
        this.maxPerAddress = maxPerAddress;
        this.refusals = refusals;
        refusals.declare(HUB_LIMIT);
        refusals.declare(ADDRESS_LIMIT);
    }

    /** Why a connection was not admitted, as the client is told. */
    public record Refusal(HttpStatus status, String code, String detail) {
    }

    /** A place taken; {@link #release()} gives it back, once however often it is called. */
    public final class Permit {
        private final InetAddress address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(InetAddress address) {
            this.address = address;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                give(address);
            }
        }
    }

    /** The outcome of {@link #admit}: exactly one of the two is non-null. */
    public record Admission(Permit permit, Refusal refusal) {
    }

    /** Takes a place for a connection from {@code remote} (null: unknown, counted under one shared key). */
    public Admission admit(InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        Refusal refusal = take(address);
        if (refusal == null) {
            return new Admission(new Permit(address), null);
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
