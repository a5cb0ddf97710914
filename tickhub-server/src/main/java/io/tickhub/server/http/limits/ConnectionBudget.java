package io.tickhub.server.http.limits;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The most TCP connections the HTTP port holds at once. Configured, or derived from the process's
 * descriptor limit: what is left of it after the descriptors open at start-up (jars, logs, the
 * journal, epoll) and a reserve for those opened later (database and bus connections, store files,
 * upstream clients), so that the hub refuses connections itself, with an answer, before the kernel
 * refuses it descriptors with nothing said.
 *
 * @param maxConnections  the cap
 * @param descriptorLimit the process's descriptor limit, or -1 when the platform does not say
 * @param derived         whether the cap was derived from the descriptor limit
 */
public record ConnectionBudget(int maxConnections, long descriptorLimit, boolean derived) {

    /** Ceiling of a derived cap: the 10,000 streaming connections the hub is sized for, and room for REST. */
    static final int DERIVED_CEILING = 20_000;
    /** Floor of a derived cap, so a tiny limit still serves a few clients. */
    static final int DERIVED_FLOOR = 16;
    /** Descriptors kept back for everything but client connections: at least this many, or a tenth of the limit. */
    static final int MIN_RESERVE = 64;

    public ConnectionBudget {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        }
    }

    /** {@code configured}, or when it is 0 the cap derived from this process's descriptors now. */
    public static ConnectionBudget of(int configured) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long limit = -1;
        long open = 0;
        if (os instanceof UnixOperatingSystemMXBean unix) {
            limit = unix.getMaxFileDescriptorCount();
            open = unix.getOpenFileDescriptorCount();
        }
        if (configured > 0) {
            return new ConnectionBudget(configured, limit, false);
        }
        return new ConnectionBudget(derive(limit, open), limit, true);
    }

    static int derive(long descriptorLimit, long openNow) {
        if (descriptorLimit <= 0) {
            return DERIVED_CEILING;
        }
        long reserve = Math.max(MIN_RESERVE, descriptorLimit / 10);
        long room = descriptorLimit - openNow - reserve;
        return (int) Math.max(DERIVED_FLOOR, Math.min(DERIVED_CEILING, room));
    }
}
