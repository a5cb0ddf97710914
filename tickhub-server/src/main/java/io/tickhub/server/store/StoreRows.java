package io.tickhub.server.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.RawPayload;
import io.tickhub.core.store.SymbolAverage;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Maps the store's rows to the core's records and back; the column lists are the SQL's. */
final class StoreRows {

    static final String QUOTE_COLUMNS = "symbol, seq, price, bid, ask, volume, provider, provider_time, hub_time, raw_id";
    static final String BAR_COLUMNS = "symbol, interval_code, start_time, open, high, low, close, volume, trades, closed, last_seq";
    static final String NEWS_COLUMNS = "id, headline, summary, source, url, published, symbols";

    private StoreRows() {
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static final RowMapper<Quote> QUOTE = (rs, n) -> new Quote(rs.getString("symbol"), rs.getDouble("price"),
            nullableDouble(rs, "bid"), nullableDouble(rs, "ask"), rs.getDouble("volume"), rs.getString("provider"),
            instant(rs, "provider_time"), instant(rs, "hub_time"), rs.getLong("seq"),
            rs.getString("raw_id"));

    static final RowMapper<Bar> BAR = (rs, n) -> new Bar(rs.getString("symbol"),
            BarInterval.parse(rs.getString("interval_code")).orElseThrow(), instant(rs, "start_time"),
            rs.getDouble("open"), rs.getDouble("high"), rs.getDouble("low"), rs.getDouble("close"),
            rs.getDouble("volume"), rs.getLong("trades"), rs.getBoolean("closed"), rs.getLong("last_seq"), false);

    static final RowMapper<SymbolAverage> AVERAGE = (rs, n) -> new SymbolAverage(rs.getString("symbol"),
            rs.getInt("window_size"), rs.getDouble("average"), instant(rs, "calc_time"), rs.getLong("last_seq"));

    static final RowMapper<NewsItem> NEWS = (rs, n) -> new NewsItem(rs.getString("id"), symbols(rs.getString("symbols")),
            rs.getString("headline"), rs.getString("summary"), rs.getString("source"), rs.getString("url"),
            instant(rs, "published"));

    static final RowMapper<RawPayload> RAW = (rs, n) -> new RawPayload(rs.getString("id"), rs.getString("provider"),
            rs.getString("symbol"), instant(rs, "received_at"), rs.getString("content_type"), rs.getString("body"));

    static final RowMapper<PollingJob> JOB = (rs, n) -> new PollingJob(rs.getString("id"),
            symbols(rs.getString("symbols")), Duration.ofMillis(rs.getLong("interval_ms")), rs.getString("provider"),
            instant(rs, "created_at"));

    static String joined(List<String> symbols) {
        return String.join(",", symbols);
    }

    static List<String> symbols(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** Arguments of one price point in {@link #QUOTE_COLUMNS} order. */
    static Object[] quoteArgs(Quote q) {
        return new Object[] {q.symbol(), q.seq(), q.price(), q.bid(), q.ask(), q.volume(), q.provider(),
                time(q.providerTime()), time(q.hubTime()), q.rawId()};
    }

    static Object[] barArgs(Bar b) {
        return new Object[] {b.symbol(), b.interval().code(), time(b.start()), b.open(), b.high(), b.low(), b.close(),
                b.volume(), b.count(), b.closed(), b.lastSeq()};
    }
}
