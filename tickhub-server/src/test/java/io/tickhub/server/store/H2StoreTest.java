package io.tickhub.server.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreContract;
import org.junit.jupiter.api.AfterEach;

class H2StoreTest extends StoreContract {

    private HikariDataSource dataSource;

    @Override
    protected Store newStore() {
        dataSource = TestDatabases.h2();
        return JdbcStore.on(dataSource);
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }
}
