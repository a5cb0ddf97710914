package io.tickhub.core.fanout;

import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Grant;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who one streaming connection acts as, and the deadlines that follow from it: a connection that
 * must authenticate by message is closed with {@link #AUTH_REQUIRED} when its time is up; one whose
 * credential expires (a JWT) is told {@link #expiryWarning} before and closed with
 * {@link #TOKEN_EXPIRED} at the expiry unless it was refreshed. The deadlines are checked by the
 * connection's housekeeping ({@link Connection#tick}) on the hub's clock, never per update.
 *
 * <p>Threading: {@link #bind} and {@link #refresh} run on the connection's inbound thread;
 * {@link #tick} on the housekeeping thread; the state is in volatile fields.
 */
public final class ConnectionGrant {

    /** Close codes of the protocol (docs/protocol.md). */
    public static final int AUTH_REQUIRED = 4001;
    public static final int TOKEN_EXPIRED = 4002;
    public static final int FORBIDDEN = 4003;
    public static final int TOO_MANY_CONNECTIONS = 4006;

    private final Connection connection;
    private final long warningMillis;
    /** Whether the client speaks a protocol with {@code auth} frames (native, compact, SSE): it is warned of an expiry. */
    private final boolean announces;
    private volatile Grant grant;
    private volatile SubjectAccount account;
    private volatile long authDeadlineMillis;
    /** The expiry last warned of: one warning per credential. */
    private volatile Instant warned;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Runnable onEnd;

    private ConnectionGrant(Connection connection, Grant grant, SubjectAccount account, long authDeadlineMillis,
                            Duration expiryWarning, boolean announces, Runnable onEnd) {
        this.connection = connection;
        this.grant = grant;
        this.account = account;
        this.authDeadlineMillis = authDeadlineMillis;
        this.warningMillis = expiryWarning.toMillis();
        this.announces = announces;
        this.onEnd = onEnd;
    }

    /**
     * A connection that was granted at its start (upgrade or SSE request).
     *
     * @param account the subject's account, or null for a connection whose subscriptions are not counted
     * @param onEnd   runs once when the connection ends (gives the account back, ends its registration)
     */
    public static ConnectionGrant granted(Connection connection, Grant grant, SubjectAccount account,
                                          Duration expiryWarning, boolean announces, Runnable onEnd) {
        ConnectionGrant access = new ConnectionGrant(connection, grant, account, Long.MAX_VALUE, expiryWarning,
                announces, onEnd);
        connection.access(access);
        return access;
    }

    /** A connection that must authenticate by message before {@code deadlineMillis} (the hub clock's millis). */
    public static ConnectionGrant pending(Connection connection, long deadlineMillis, Duration expiryWarning,
                                          Runnable onEnd) {
        ConnectionGrant access = new ConnectionGrant(connection, null, null, deadlineMillis, expiryWarning, true, onEnd);
        connection.access(access);
        return access;
    }

    /** The grant, or null while the connection has not authenticated. */
    public Grant grant() {
        return grant;
    }

    public boolean authenticated() {
        return grant != null;
    }

    /** The account of the connection's subject, or null when its subscriptions are not counted. */
    public SubjectAccount account() {
        return account;
    }

    /** The limits of the connection's credential (or address), or null when not authenticated. */
    public AccessLimits limits() {
        Grant current = grant;
        return current == null ? null : current.limits();
    }

    /** The first successful {@code auth} of a pending connection. Inbound thread. */
    void bind(Grant first, SubjectAccount subjectAccount) {
        account = subjectAccount;
        grant = first;
        authDeadlineMillis = Long.MAX_VALUE;
    }

    /** A fresh credential of the same subject (a renewed JWT). Inbound thread. */
    void refresh(Grant fresh) {
        grant = fresh;
    }

    /** Housekeeping (any thread): the auth deadline and the credential's expiry, on the hub clock. */
    void tick(long nowMillis) {
        Grant current = grant;
        if (current == null) {
            if (nowMillis >= authDeadlineMillis) {
                connection.close(AUTH_REQUIRED, "authentication timeout");
            }
            return;
        }
        Instant expiresAt = current.expiresAt();
        if (expiresAt == null) {
            return;
        }
        long expiresMillis = expiresAt.toEpochMilli();
        if (nowMillis >= expiresMillis) {
            connection.close(TOKEN_EXPIRED, "token expired");
        } else if (announces && nowMillis >= expiresMillis - warningMillis && !expiresAt.equals(warned)) {
            warned = expiresAt;
            connection.send(AccessMessages.expiring(expiresAt));
        }
    }

    /** The connection has ended: runs the end action once, however often called. */
    public void ended() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }
}
