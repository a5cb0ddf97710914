package io.tickhub.server.store;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.UUID;

/** Empty, migrated databases for store tests: an H2 in memory, or a database on the shared PostgreSQL. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static HikariDataSource h2() {
        return migrated("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", "h2");
    }

    public static HikariDataSource postgres() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
        return migrated(server.freshDatabase(), server.user(), server.user(), "postgresql");
    }

    public static HikariDataSource migrated(String url, String user, String password, String vendor) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        if (user != null) {
            ds.setUsername(user);
            ds.setPassword(password);
        }
        ds.setMaximumPoolSize(4);
        migrate(ds, vendor);
        return ds;
    }

    public static void migrate(DataSource ds, String vendor) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + vendor).load().migrate();
    }
}
