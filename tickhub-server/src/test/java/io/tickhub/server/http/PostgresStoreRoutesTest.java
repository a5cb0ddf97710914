package io.tickhub.server.http;

import io.tickhub.server.HubTest;
import io.tickhub.server.store.EmbeddedPostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store's routes on PostgreSQL (embedded, or the server named by TICKHUB_TEST_POSTGRES_URL). */
@HubTest
class PostgresStoreRoutesTest extends StoreRoutesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
        String url = server.freshDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> server.user() == null ? "" : server.user());
        registry.add("spring.datasource.password", () -> server.user() == null ? "" : server.user());
    }

    @Override
    protected String prefix() {
        return "P";
    }
}
