package io.tickhub.server.store;

import java.util.Collections;

/**
 * The store's statements, in SQL that H2 and PostgreSQL both run: upserts are the standard
 * {@code MERGE}, whose source values are cast so neither database has to guess a parameter's type.
 */
final class StoreSql {

    private StoreSql() {
    }

    private static final String TS = "TIMESTAMP WITH TIME ZONE";

    static final String INSERT_PRICE_POINT = "INSERT INTO price_points (" + StoreRows.QUOTE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The slow path after a duplicate: inserts only the price points not stored yet. */
    static final String MERGE_PRICE_POINT = """
            MERGE INTO price_points t
            USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION),
                           CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),
                           CAST(? AS VARCHAR(64)), CAST(? AS %1$s), CAST(? AS %1$s), CAST(? AS VARCHAR(64))))
                AS s (symbol, seq, price, bid, ask, volume, provider, provider_time, hub_time, raw_id)
            ON t.symbol = s.symbol AND t.seq = s.seq
            WHEN NOT MATCHED THEN INSERT (symbol, seq, price, bid, ask, volume, provider, provider_time, hub_time, raw_id)
                VALUES (s.symbol, s.seq, s.price, s.bid, s.ask, s.volume, s.provider, s.provider_time, s.hub_time, s.raw_id)
            """.formatted(TS);

    /**
     * Where each symbol's numbering stands; a batch retried out of order never moves it back.
     * One statement for many symbols ({@link #manyRows}): a statement per symbol cost a tenth of
     * the bulk load's speed at 500 symbols per batch.
     */
    static final String MERGE_INSTRUMENTS = """
            MERGE INTO instruments t
            USING (VALUES %s) AS s (symbol, hub_time, seq, price, provider)
            ON t.symbol = s.symbol
            WHEN MATCHED AND s.seq > t.last_seq THEN UPDATE SET last_seq = s.seq, last_price = s.price,
                last_provider = s.provider, last_hub_time = s.hub_time
            WHEN NOT MATCHED THEN INSERT (symbol, first_seen, last_seq, last_price, last_provider, last_hub_time)
                VALUES (s.symbol, s.hub_time, s.seq, s.price, s.provider, s.hub_time)
            """;

    static final String INSTRUMENT_ROW = "(CAST(? AS VARCHAR(32)), CAST(? AS " + TS
            + "), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(64)))";

    static final String MERGE_BAR = """
            MERGE INTO bars t
            USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(4)), CAST(? AS %s), CAST(? AS DOUBLE PRECISION),
                           CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),
                           CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT), CAST(? AS BOOLEAN), CAST(? AS BIGINT)))
                AS s (symbol, interval_code, start_time, open, high, low, close, volume, trades, closed, last_seq)
            ON t.symbol = s.symbol AND t.interval_code = s.interval_code AND t.start_time = s.start_time
            WHEN MATCHED THEN UPDATE SET open = s.open, high = s.high, low = s.low, close = s.close,
                volume = s.volume, trades = s.trades, closed = s.closed, last_seq = s.last_seq
            WHEN NOT MATCHED THEN INSERT (symbol, interval_code, start_time, open, high, low, close, volume, trades, closed,
                    last_seq)
                VALUES (s.symbol, s.interval_code, s.start_time, s.open, s.high, s.low, s.close, s.volume, s.trades, s.closed,
                    s.last_seq)
            """.formatted(TS);

    /** Averages of many symbols in one statement, as for instruments. */
    static final String MERGE_AVERAGES = """
            MERGE INTO symbol_averages t
            USING (VALUES %s) AS s (symbol, window_size, average, calc_time, last_seq)
            ON t.symbol = s.symbol AND t.window_size = s.window_size
            WHEN MATCHED THEN UPDATE SET average = s.average, calc_time = s.calc_time, last_seq = s.last_seq
            WHEN NOT MATCHED THEN INSERT (symbol, window_size, average, calc_time, last_seq)
                VALUES (s.symbol, s.window_size, s.average, s.calc_time, s.last_seq)
            """;

    static final String AVERAGE_ROW = "(CAST(? AS VARCHAR(32)), CAST(? AS INTEGER), CAST(? AS DOUBLE PRECISION), CAST(? AS "
            + TS + "), CAST(? AS BIGINT))";

    /** Rows per multi-row statement: well under PostgreSQL's 32,767 parameters at five per row. */
    static final int ROWS_PER_STATEMENT = 1000;

    /** {@code template} with {@code count} copies of {@code row} as its VALUES list. */
    static String manyRows(String template, String row, int count) {
        return template.formatted(String.join(", ", Collections.nCopies(count, row)));
    }

    static final String MERGE_NEWS = """
            MERGE INTO news t
            USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(2000)), CAST(? AS VARCHAR(1000000)),
                           CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(2000)), CAST(? AS %s), CAST(? AS VARCHAR(8000))))
                AS s (id, headline, summary, source, url, published, symbols)
            ON t.id = s.id
            WHEN NOT MATCHED THEN INSERT (id, headline, summary, source, url, published, symbols)
                VALUES (s.id, s.headline, s.summary, s.source, s.url, s.published, s.symbols)
            """.formatted(TS);

    static final String MERGE_NEWS_SYMBOL = """
            MERGE INTO news_symbols t
            USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(200)), CAST(? AS %s))) AS s (symbol, news_id, published)
            ON t.symbol = s.symbol AND t.news_id = s.news_id
            WHEN NOT MATCHED THEN INSERT (symbol, news_id, published) VALUES (s.symbol, s.news_id, s.published)
            """.formatted(TS);

    static final String MERGE_RAW = """
            MERGE INTO raw_payloads t
            USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(32)), CAST(? AS %s),
                           CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(1000000))))
                AS s (id, provider, symbol, received_at, content_type, body)
            ON t.id = s.id
            WHEN NOT MATCHED THEN INSERT (id, provider, symbol, received_at, content_type, body)
                VALUES (s.id, s.provider, s.symbol, s.received_at, s.content_type, s.body)
            """.formatted(TS);

    /** Renews the node's leases and takes free or lapsed ones; row locks give each job to one claimant. */
    static final String CLAIM_JOBS = """
            UPDATE polling_jobs SET lease_owner = ?, lease_until = ?
            WHERE lease_owner = ? OR lease_owner IS NULL OR lease_until < ?""";

    static final String MERGE_JOB = """
            MERGE INTO polling_jobs t
            USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(8000)), CAST(? AS BIGINT), CAST(? AS VARCHAR(64)),
                           CAST(? AS %s))) AS s (id, symbols, interval_ms, provider, created_at)
            ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET symbols = s.symbols, interval_ms = s.interval_ms, provider = s.provider,
                created_at = s.created_at
            WHEN NOT MATCHED THEN INSERT (id, symbols, interval_ms, provider, created_at)
                VALUES (s.id, s.symbols, s.interval_ms, s.provider, s.created_at)
            """.formatted(TS);

    static final String HISTORY = "SELECT " + StoreRows.QUOTE_COLUMNS + " FROM price_points"
            + " WHERE symbol = ? AND hub_time >= ? AND hub_time < ? AND seq > ? ORDER BY seq LIMIT ?";

    /** On the primary key (symbol, seq): a range scan, however large the table. */
    static final String SEQ_RANGE = "SELECT " + StoreRows.QUOTE_COLUMNS + " FROM price_points"
            + " WHERE symbol = ? AND seq > ? AND seq < ? ORDER BY seq LIMIT ?";

    /**
     * On the primary key (symbol, seq): a backward range scan from the newest seq down to the floor,
     * stopping at the first row old enough. Seq order is hub-time order within a symbol, so this is
     * the newest row at or before the time, without a (symbol, hub_time) index PostgreSQL lacks.
     */
    static final String LAST_SEQ_AT_OR_BEFORE = "SELECT seq FROM price_points"
            + " WHERE symbol = ? AND seq > ? AND hub_time <= ? ORDER BY seq DESC LIMIT 1";

    static final String NEWEST = "SELECT " + StoreRows.QUOTE_COLUMNS + " FROM price_points"
            + " WHERE symbol = ? ORDER BY seq DESC LIMIT ?";

    static final String LATEST_OF_PROVIDER = "SELECT " + StoreRows.QUOTE_COLUMNS + " FROM price_points"
            + " WHERE symbol = ? AND provider = ? ORDER BY seq DESC LIMIT 1";

    static final String BARS = "SELECT " + StoreRows.BAR_COLUMNS + " FROM bars WHERE symbol = ? AND interval_code = ?"
            + " AND start_time >= ? AND start_time < ? AND start_time > ? ORDER BY start_time LIMIT ?";

    static final String NEWEST_BARS = "SELECT " + StoreRows.BAR_COLUMNS + " FROM bars"
            + " WHERE symbol = ? AND interval_code = ? ORDER BY start_time DESC LIMIT ?";

    static final String NEWS = "SELECT " + StoreRows.NEWS_COLUMNS + " FROM news ORDER BY published DESC, id LIMIT ?";

    static final String NEWS_ABOUT = "SELECT n.id, n.headline, n.summary, n.source, n.url, n.published, n.symbols"
            + " FROM news_symbols s JOIN news n ON n.id = s.news_id WHERE s.symbol = ?"
            + " ORDER BY s.published DESC, s.news_id LIMIT ?";
}
