package io.tickhub.server.stream;

import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Grant;
import io.tickhub.core.fanout.SubjectAccounts;
import io.tickhub.server.security.AccessPolicy;
import io.tickhub.server.security.AuditLog;
import io.tickhub.server.security.LiveGrants;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * The credentials of streaming connections (docs/security.md, "Streams"): each WebSocket and SSE
 * connection carries the {@link Grant} of its request and is registered in {@link LiveGrants}
 * under its subject, within the subject's {@code connections} limit, so that revoking a key closes
 * it with 4003. Its subscriptions count toward the subject's account ({@link SubjectAccounts}):
 * the key's, or for clients without a credential their address's ({@code addr:<address>}).
 */
public final class StreamGrants {

    /** Exchange and WebSocket session attribute: the connection's {@link LiveStream}. */
    public static final String LIVE_STREAM = "tickhub.live-stream";

    private final LiveGrants live;
    private final SubjectAccounts accounts;
    private final Credentials credentials;
    private final Clock clock;
    private final Duration authTimeout;
    private final Duration expiryWarning;
    private final AuditLog audit;

    /** @param audit logs each refused {@code auth} message, as refused requests are */
    public StreamGrants(LiveGrants live, SubjectAccounts accounts, AccessPolicy policy, Clock clock,
                        Duration authTimeout, Duration expiryWarning, AuditLog audit) {
        this.audit = audit;
        this.live = live;
        this.accounts = accounts;
        this.credentials = token -> switch (policy.verify(token)) {
            case AccessPolicy.Allowed allowed -> new Credentials.Granted(allowed.grant());
            case AccessPolicy.Refused refused -> new Credentials.Refused(refused.code(), refused.message());
        };
        this.clock = clock;
        this.authTimeout = authTimeout;
        this.expiryWarning = expiryWarning;
    }

    /**
     * A new streaming connection acting as {@code grant}, registered under its subject; null when
     * the subject already holds its maximum of connections. With {@code grant} null the connection
     * must authenticate by message ({@code pending}), or nothing is checked (no access decision was made).
     */
    LiveStream open(Grant grant, boolean pending, InetSocketAddress remote) {
        LiveStream stream = new LiveStream(this, grant, pending, remote);
        return grant == null || stream.bind(grant) != null ? stream : null;
    }

    LiveGrants live() {
        return live;
    }

    SubjectAccounts accounts() {
        return accounts;
    }

    /** Verifies the {@code auth} messages of a connection from {@code remote}; each refusal is audited. */
    Credentials credentials(InetSocketAddress remote) {
        return token -> {
            Credentials.Verdict verdict = credentials.verify(token);
            if (verdict instanceof Credentials.Refused refused) {
                audit.refused("-", remote, "WS", "/ws (auth)", refused.code());
            }
            return verdict;
        };
    }

    Clock clock() {
        return clock;
    }

    Duration authTimeout() {
        return authTimeout;
    }

    Duration expiryWarning() {
        return expiryWarning;
    }
}
