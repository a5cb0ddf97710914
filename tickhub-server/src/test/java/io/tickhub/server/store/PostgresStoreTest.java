package io.tickhub.server.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresStoreTest extends StoreContract {

    private HikariDataSource dataSource;

    @Override
    protected Store newStore() {
        dataSource = TestDatabases.postgres();
        return JdbcStore.on(dataSource);
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }
}
