package io.tickhub.server.stream;

import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Grant;
import io.tickhub.core.fanout.Connection;
import io.tickhub.core.fanout.ConnectionGrant;
import io.tickhub.core.fanout.GrantBinder;
import io.tickhub.core.fanout.SubjectAccount;
import io.tickhub.server.security.LiveGrants;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.springframework.web.server.ServerWebExchange;

/**
 * One streaming connection's place among its subject's: its registration in {@link LiveGrants}
 * (revocation closes it with 4003) and its share of the subject's account. Made at the upgrade or
 * the SSE request, before the connection exists ({@link #attach} joins them), and given back once
 * when the connection ends, however it ends.
 */
public final class LiveStream implements GrantBinder {

    static final String REVOKED = "key revoked";

    private final StreamGrants grants;
    private final Grant initial;
    private final boolean pending;
    private final InetSocketAddress remote;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LiveGrants.Registration registration;
    private volatile SubjectAccount account;
    private volatile Connection connection;
    private volatile boolean revoked;

    LiveStream(StreamGrants grants, Grant initial, boolean pending, InetSocketAddress remote) {
        this.grants = grants;
        this.initial = initial;
        this.pending = pending;
        this.remote = remote;
    }

    private static final AttributeKey<LiveStream> CHANNEL_ATTRIBUTE = AttributeKey.valueOf(StreamGrants.LIVE_STREAM);

    /**
     * Hands the live stream that {@link StreamAdmission} left in the upgrade's exchange to the
     * WebSocket handler, through the upgraded channel (the session's attributes are the WebSession's).
     */
    static void hand(ServerWebExchange exchange, Channel channel) {
        channel.attr(CHANNEL_ATTRIBUTE).set(exchange.getAttribute(StreamGrants.LIVE_STREAM));
    }

    /** The live stream the WebSocket upgrade on {@code channel} made, or null when none was (no access decision). */
    static LiveStream of(Channel channel) {
        return channel.attr(CHANNEL_ATTRIBUTE).get();
    }

    /**
     * Joins the connection: it acts as the request's grant, or must authenticate by message. A
     * revocation that came first closes it at once.
     *
     * @param announces whether the client speaks a protocol with {@code auth} frames (told of an expiry)
     * @return its grant, or null when nothing is checked
     */
    ConnectionGrant attach(Connection opened, boolean announces) {
        connection = opened;
        ConnectionGrant access;
        if (pending) {
            access = ConnectionGrant.pending(opened, grants.clock().millis() + grants.authTimeout().toMillis(),
                    grants.expiryWarning(), this::close);
        } else if (initial != null) {
            access = ConnectionGrant.granted(opened, initial, account, grants.expiryWarning(), announces, this::close);
        } else {
            access = null;
        }
        if (revoked) {
            opened.closeAtOnce(ConnectionGrant.FORBIDDEN, REVOKED);
        }
        return access;
    }

    /** Verifies this connection's {@code auth} messages. */
    Credentials credentials() {
        return grants.credentials(remote);
    }

    /** Whether the connection must authenticate by message ({@code auth}). */
    boolean pending() {
        return pending;
    }

    /**
     * Registers under {@code grant}'s subject (credentialed grants only: a credential-less one is
     * not revoked) within its {@code connections} limit, and takes its account.
     */
    @Override
    public SubjectAccount bind(Grant grant) {
        if (grant.credentialed()) {
            LiveGrants.Registration registered = grants.live().tryRegister(grant.subject(),
                    grant.limits().connections(), this::revoke);
            if (registered == null) {
                return null;
            }
            registration = registered;
        }
        SubjectAccount taken = grants.accounts().acquire(accountSubject(grant));
        SubjectAccount previous = account; // a credential-less connection taking a credential holds no subscription
        account = taken;
        if (previous != null) {
            grants.accounts().release(previous);
        }
        if (closed.get()) { // ended meanwhile: give back what was just taken
            release();
        }
        return taken;
    }

    /** The key's subject; for clients without a credential, their address's. */
    private String accountSubject(Grant grant) {
        if (grant.credentialed()) {
            return grant.subject();
        }
        InetAddress address = remote == null ? null : remote.getAddress();
        return "addr:" + (address == null ? "unknown" : address.getHostAddress());
    }

    /** The subject's key was revoked: close at once, not behind queued data. */
    private void revoke() {
        revoked = true;
        Connection current = connection;
        if (current != null) {
            current.closeAtOnce(ConnectionGrant.FORBIDDEN, REVOKED);
        }
    }

    /** The connection has ended (or never started): gives back its place, once. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    private synchronized void release() {
        LiveGrants.Registration registered = registration;
        if (registered != null) {
            registered.close();
        }
        SubjectAccount taken = account;
        if (taken != null) {
            account = null;
            grants.accounts().release(taken);
        }
    }
}
