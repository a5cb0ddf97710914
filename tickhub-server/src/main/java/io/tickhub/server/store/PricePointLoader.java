package io.tickhub.server.store;

import io.tickhub.core.quote.Quote;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The fast path of writing price points: a plain bulk load that fails on a row already stored
 * (the store then retries the batch with the slower insert-if-absent {@code MERGE}).
 */
public interface PricePointLoader {

    void load(Connection connection, List<Quote> quotes) throws SQLException;

    /** JDBC batch of {@code INSERT}s: what H2 does fastest. */
    PricePointLoader JDBC_BATCH = (connection, quotes) -> {
        try (var insert = connection.prepareStatement(StoreSql.INSERT_PRICE_POINT)) {
            for (Quote q : quotes) {
                Object[] args = StoreRows.quoteArgs(q);
                for (int i = 0; i < args.length; i++) {
                    insert.setObject(i + 1, args[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    };
}
