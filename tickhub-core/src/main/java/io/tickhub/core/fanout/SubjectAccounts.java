package io.tickhub.core.fanout;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SubjectAccount} of every subject with a live streaming connection: its connections
 * share one, and it is dropped with the last of them (an address seen once costs nothing later).
 */
public final class SubjectAccounts {

    private final ConcurrentHashMap<String, SubjectAccount> bySubject = new ConcurrentHashMap<>();

    /** The subject's account, for one more connection; give it back with {@link #release}. */
    public SubjectAccount acquire(String subject) {
        return bySubject.compute(subject, (key, account) -> {
            SubjectAccount out = account != null ? account : new SubjectAccount(key);
            out.users++;
            return out;
        });
    }

    /** One connection of the account's subject has ended. */
    public void release(SubjectAccount account) {
        bySubject.computeIfPresent(account.subject(), (key, current) -> {
            if (current != account) {
                return current;
            }
            return --current.users == 0 ? null : current;
        });
    }

    /** The live account of {@code subject}, or null when it has no streaming connection. */
    public SubjectAccount find(String subject) {
        return bySubject.get(subject);
    }
}
