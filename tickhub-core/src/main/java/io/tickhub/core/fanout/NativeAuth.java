package io.tickhub.core.fanout;

import io.tickhub.core.access.Credentials;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;

/**
 * The native protocol's {@code auth} action on one connection: the first one authenticates a
 * connection that was upgraded without a credential; a later one refreshes the credential (a
 * renewed JWT) and must be for the same subject; a connection without a credential (loopback in
 * protected mode, open mode) may take one as long as it holds no subscription. A failed attempt is an {@code error} frame and
 * the connection stays (the auth timeout still runs). Confined to the connection's inbound thread.
 */
final class NativeAuth {

    private final Connection connection;
    private final ConnectionGrant access;
    private final Credentials credentials;
    private final GrantBinder binder;

    NativeAuth(Connection connection, ConnectionGrant access, Credentials credentials, GrantBinder binder) {
        this.connection = connection;
        this.access = access;
        this.credentials = credentials;
        this.binder = binder;
    }

    boolean authenticated() {
        return access.authenticated();
    }

    void auth(String token) {
        Grant granted;
        switch (credentials.verify(token)) {
            case Credentials.Refused refused -> {
                String code = Credentials.Refused.TOKEN_EXPIRED.equals(refused.code())
                        ? AccessMessages.TOKEN_EXPIRED : AccessMessages.AUTH_FAILED;
                connection.send(NativeMessages.error(code, refused.message()));
                return;
            }
            case Credentials.Granted ok -> granted = ok.grant();
        }
        Grant current = access.grant();
        if (current != null && !current.credentialed() && connection.subscriptionCount() == 0) {
            current = null; // a client without a credential (loopback, open mode) takes one before subscribing
        }
        if (current != null && !current.subject().equals(granted.subject())) {
            connection.send(NativeMessages.error(AccessMessages.AUTH_FAILED, "This connection is authenticated as "
                    + current.subject() + "; a refresh must be for the same subject (kept the current credential)"));
            return;
        }
        if (!granted.allows(Scope.STREAM)) {
            connection.close(ConnectionGrant.FORBIDDEN, "forbidden: no stream scope");
            return;
        }
        if (current != null) {
            access.refresh(granted);
        } else {
            SubjectAccount account = binder.bind(granted);
            if (account == null) {
                connection.close(ConnectionGrant.TOO_MANY_CONNECTIONS, "too many connections for this key");
                return;
            }
            access.bind(granted, account);
        }
        connection.send(AccessMessages.authenticated(granted));
    }
}
