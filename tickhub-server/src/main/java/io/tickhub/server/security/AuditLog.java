package io.tickhub.server.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.access.Grant;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per call that changes something and per refused authentication, on the logger
 * {@code tickhub.audit}: who (the grant's subject: {@code key:<id>}, {@code jwt:<sub>}, {@code local}),
 * from where, what, and how it ended. The same fields are attached as key-value pairs, so a JSON log
 * format ({@code logging.structured.format.console=ecs}) gets them as fields. Counted in
 * {@code tickhub_security_audit_total{event,outcome}}.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("tickhub.audit");

    private final MeterRegistry meters;

    public AuditLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A request or connection refused before it reached its route: no or a bad credential, a missing scope. */
    public void refused(String subject, InetSocketAddress remote, String method, String route, String code) {
        count("refused", code);
        LOG.atWarn().addKeyValue("event", "refused").addKeyValue("subject", subject)
                .addKeyValue("address", address(remote)).addKeyValue("method", method).addKeyValue("route", route)
                .addKeyValue("outcome", code)
                .log("audit event=refused subject={} address={} method={} route={} outcome={}",
                        subject, address(remote), method, route, code);
    }

    /** A call that changes something (a job, a poll, a key), once answered: {@code outcome} is the HTTP status. */
    public void changed(Grant grant, InetSocketAddress remote, String method, String route, int status) {
        String outcome = String.valueOf(status);
        count("change", status < 400 ? "ok" : "failed");
        LOG.atInfo().addKeyValue("event", "change").addKeyValue("subject", grant.subject())
                .addKeyValue("address", address(remote)).addKeyValue("method", method).addKeyValue("route", route)
                .addKeyValue("outcome", outcome)
                .log("audit event=change subject={} address={} method={} route={} outcome={}",
                        grant.subject(), address(remote), method, route, outcome);
    }

    /** A key created or revoked (also logged as a change by its route); {@code detail} names it. */
    public void keyEvent(String event, Grant by, String keyId, String detail) {
        count(event, "ok");
        LOG.atInfo().addKeyValue("event", event).addKeyValue("subject", by.subject()).addKeyValue("key", keyId)
                .log("audit event={} subject={} key={} {}", event, by.subject(), keyId, detail);
    }

    /** A live connection closed because its credential ended (revoked, expired). */
    public void closed(String subject, String reason, int connections) {
        count("closed", reason);
        LOG.atInfo().addKeyValue("event", "closed").addKeyValue("subject", subject).addKeyValue("outcome", reason)
                .log("audit event=closed subject={} outcome={} connections={}", subject, reason, connections);
    }

    private void count(String event, String outcome) {
        Counter.builder("tickhub.security.audit").description("Audited security events: refusals, changes, key events")
                .tag("event", event).tag("outcome", outcome).register(meters).increment();
    }

    static String address(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return "-";
        }
        return remote.getAddress().getHostAddress();
    }
}
