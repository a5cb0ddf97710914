package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickhub.core.access.Scope;
import io.tickhub.server.HubTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Protected mode end to end, from another network: the test makes a network namespace joined to
 * this machine by a veth pair on a private /30 of its choosing, runs the hub on every interface,
 * and calls it with curl from inside the namespace (so the hub sees a peer that is not loopback),
 * while a client on 127.0.0.1 keeps calling too. Skipped where the machine does not allow
 * namespaces (not root, no iproute2). Nothing is sent to this machine's own network addresses.
 */
@HubTest
@TestPropertySource(properties = "server.address=0.0.0.0")
@DirtiesContext
@Timeout(90)
class ProtectedModeNamespaceTest {

    private static NetworkNamespace namespace;

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyStore keys;
    @Autowired
    TokenCredentials credentials;

    @BeforeAll
    static void createNamespace() {
        assumeTrue(NetworkNamespace.available(), "needs root and iproute2 (ip netns) and curl");
        namespace = NetworkNamespace.create();
    }

    @AfterAll
    static void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void anotherNetworkIsRefusedUntilKeysExistThenServedWithOneWhileLoopbackNeedsNone() throws Exception {
        String hub = "http://" + namespace.hostAddress() + ":" + port;
        AtomicBoolean done = new AtomicBoolean();
        List<Integer> loopbackStatuses = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> loopback = CompletableFuture.runAsync(() -> {
            try (LoopbackHttp local = new LoopbackHttp("127.0.0.1", port, 1)) {
                while (!done.get() || loopbackStatuses.isEmpty()) {
                    loopbackStatuses.add(local.get("/api/v1/auth").status());
                }
            }
        });
        try {
            assertThat(credentials.anyConfigured()).as("no admin key, no JWT, no stored key").isFalse();
            NetworkNamespace.Result refused = namespace.curl(hub + "/api/v1/quotes");
            assertThat(status(refused)).as(refused.output()).isEqualTo(403);
            assertThat(refused.output()).contains("\"code\":\"protected_mode\"")
                    .contains("Tickhub is running in protected mode").contains("TICKHUB_ADMIN_KEY");
            assertThat(status(namespace.curl(hub + "/health"))).as("health is public").isEqualTo(200);
            NetworkNamespace.Result who = namespace.curl(hub + "/api/v1/auth",
                    "Authorization: Bearer thk_aaaaaaaaaaaa_" + "x".repeat(43));
            assertThat(status(who)).as("a key while none exists: %s", who.output()).isEqualTo(401);

            String key = keys.create("namespace-client", Set.of(Scope.READ), ApiKey.LimitOverrides.NONE).token();
            NetworkNamespace.Result served = namespace.curl(hub + "/api/v1/auth", "Authorization: Bearer " + key);
            assertThat(status(served)).as(served.output()).isEqualTo(200);
            assertThat(served.output()).contains("\"subject\":\"key:").contains("\"mode\":\"protected\"");
            assertThat(status(namespace.curl(hub + "/api/v1/quotes", "X-API-Key: " + key))).isEqualTo(200);
            NetworkNamespace.Result anonymous = namespace.curl(hub + "/api/v1/quotes");
            assertThat(status(anonymous)).as("keys exist now: authenticate, %s", anonymous.output()).isEqualTo(401);
            assertThat(anonymous.output()).contains("\"code\":\"not_authenticated\"");
        } finally {
            done.set(true);
            loopback.get();
        }
        assertThat(loopbackStatuses).isNotEmpty().containsOnly(200);
        System.out.printf("ProtectedModeNamespaceTest: hub on %s:%d seen from %s; %d loopback calls meanwhile, all 200%n",
                namespace.hostAddress(), port, namespace.namespaceAddress(), loopbackStatuses.size());
    }

    private static int status(NetworkNamespace.Result result) {
        String output = result.output().strip();
        return Integer.parseInt(output.substring(output.lastIndexOf('\n') + 1).strip());
    }
}
