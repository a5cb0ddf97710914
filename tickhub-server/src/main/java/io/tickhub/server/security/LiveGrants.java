package io.tickhub.server.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live streaming connections of each credential, so that revoking a key closes them: each
 * connection registers how to close itself under its grant's subject, and removes itself when it
 * ends. Called from event loops and the key refresher, hence concurrent maps.
 */
public final class LiveGrants {

    private final ConcurrentHashMap<String, Set<Runnable>> bySubject = new ConcurrentHashMap<>();

    /** A registration; {@link #close()} removes it (once, however often called). */
    public final class Registration implements AutoCloseable {
        private final String subject;
        private final Runnable closer;

        private Registration(String subject, Runnable closer) {
            this.subject = subject;
            this.closer = closer;
        }

        @Override
        public void close() {
            bySubject.computeIfPresent(subject, (key, closers) -> {
                closers.remove(closer);
                return closers.isEmpty() ? null : closers;
            });
        }
    }

    /** Registers {@code closer} to run when {@code subject} is revoked. */
    public Registration register(String subject, Runnable closer) {
        return tryRegister(subject, Integer.MAX_VALUE, closer);
    }

    /**
     * Registers {@code closer} unless {@code subject} already has {@code max} live connections: the
     * check and the registration are one step, so concurrent upgrades cannot pass the limit together.
     *
     * @return the registration, or null when the subject is at its limit
     */
    public Registration tryRegister(String subject, int max, Runnable closer) {
        boolean[] added = new boolean[1];
        bySubject.compute(subject, (key, closers) -> {
            Set<Runnable> set = closers != null ? closers : ConcurrentHashMap.newKeySet();
            if (set.size() < max) {
                added[0] = set.add(closer);
            }
            return set.isEmpty() ? null : set;
        });
        return added[0] ? new Registration(subject, closer) : null;
    }

    /** Closes every live connection of {@code subject}; returns how many there were. */
    public int revoke(String subject) {
        Set<Runnable> closers = bySubject.remove(subject);
        if (closers == null) {
            return 0;
        }
        closers.forEach(Runnable::run);
        return closers.size();
    }

    /** Live connections registered under {@code subject}. */
    public int count(String subject) {
        Set<Runnable> closers = bySubject.get(subject);
        return closers == null ? 0 : closers.size();
    }
}
