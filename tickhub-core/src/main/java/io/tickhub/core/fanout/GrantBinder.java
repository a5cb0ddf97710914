package io.tickhub.core.fanout;

import io.tickhub.core.access.Grant;

/**
 * Ties a connection that has just authenticated by message to its subject: the server registers
 * it for revocation within the subject's connection limit and hands back the subject's account.
 */
@FunctionalInterface
public interface GrantBinder {

    /** @return the subject's account, or null when the subject holds its maximum of connections */
    SubjectAccount bind(Grant grant);
}
