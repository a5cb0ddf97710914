package io.tickhub.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.store.MarketHistory;
import io.tickhub.server.HubTest;
import io.tickhub.server.store.EmbeddedPostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store's routes on PostgreSQL (embedded, or the server named by TICKHUB_TEST_POSTGRES_URL),
 * and the SQL cross-check of bars and moving averages.
 */
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

    @Autowired
    DataSource dataSource;
    @Autowired
    MarketHistory history;

    /** How PostgreSQL buckets a provider time into each interval's bar start (daily: New York midnight). */
    private static final Map<BarInterval, String> BUCKETS = Map.of(
            BarInterval.S1, "date_trunc('second', provider_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'",
            BarInterval.M1, "date_trunc('minute', provider_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'",
            BarInterval.M5, "date_bin('5 minutes', provider_time, TIMESTAMPTZ '2000-01-01 00:00:00+00')",
            BarInterval.H1, "date_trunc('hour', provider_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'",
            BarInterval.D1, "date_trunc('day', provider_time AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York'");

    /** Whether the symbol's event time has passed a bar's end by the allowed lateness (5 s, the default). */
    private static boolean closedBy(BarInterval interval, Instant start, Instant eventTime) {
        return !interval.end(start, java.time.ZoneId.of("America/New_York")).plusSeconds(5).isAfter(eventTime);
    }

    /**
     * The correctness cross-check: the same bars and moving averages computed by PostgreSQL's own
     * SQL ({@code date_trunc}, {@code date_bin}, window functions) over the stored ticks match the
     * hub's, at every interval, to the last digit.
     */
    @Test
    void barsAndMovingAveragesMatchWhatPostgresComputesFromTheStoredTicks() {
        String symbol = "PXCHECK";
        SplittableRandom random = new SplittableRandom(7);
        int ticks = 400;
        for (int i = 0; i < ticks; i++) {
            // Irregular steps of 1..40 s: quiet seconds, busy ones, minute, 5-minute and hour boundaries.
            feed.clock().advance(Duration.ofSeconds(1 + random.nextInt(40)));
            feed.submitNoWait(symbol, Math.round((100 + random.nextDouble(-5, 5)) * 100) / 100.0, 1 + random.nextInt(500));
        }
        feed.awaitSeq(symbol, ticks);
        await().atMost(Duration.ofSeconds(20)).until(() -> store.lastSeq(symbol) == ticks);
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        Instant eventTime = feed.clock().instant(); // the last tick's; the manual wall clock stands there too

        for (BarInterval interval : BarInterval.values()) {
            List<Bar> expected = sql.query("SELECT " + BUCKETS.get(interval) + " AS start,"
                    + " (array_agg(price ORDER BY seq))[1] AS open, max(price) AS high, min(price) AS low,"
                    + " (array_agg(price ORDER BY seq DESC))[1] AS close, sum(volume) AS volume, count(*) AS n"
                    + " FROM price_points WHERE symbol = ? GROUP BY 1 ORDER BY 1", (rs, n) -> new Bar(symbol, interval,
                    rs.getObject("start", OffsetDateTime.class).toInstant(), rs.getDouble("open"), rs.getDouble("high"),
                    rs.getDouble("low"), rs.getDouble("close"), rs.getDouble("volume"), rs.getLong("n"), false), symbol);
            // Bars the event time has passed by the allowed lateness are closed and stored; wait for the writer.
            long closed = expected.stream().filter(b -> closedBy(interval, b.start(), eventTime)).count();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    store.newestBars(symbol, interval, 10_000).size() >= closed);

            List<Bar> hub = history.newestBars(symbol, interval, 10_000);
            assertThat(hub).as(interval.code()).hasSize(expected.size());
            for (int i = 0; i < hub.size(); i++) {
                Bar h = hub.get(i);
                assertThat(new Bar(h.symbol(), h.interval(), h.start(), h.open(), h.high(), h.low(), h.close(),
                        h.volume(), h.count(), false)).as(interval.code() + " bar " + i).isEqualTo(expected.get(i));
                assertThat(h.closed()).as(interval.code() + " bar " + i + " closed")
                        .isEqualTo(closedBy(interval, h.start(), eventTime));
            }
        }

        for (int window : new int[] {5, 120}) {
            double expected = sql.queryForObject("SELECT sma FROM (SELECT seq, avg(price) OVER (ORDER BY seq ROWS BETWEEN "
                    + (window - 1) + " PRECEDING AND CURRENT ROW) AS sma FROM price_points WHERE symbol = ?) t"
                    + " ORDER BY seq DESC LIMIT 1", Double.class, symbol);
            http.get().uri("/prices/ma?symbol=" + symbol + "&window=" + window).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.moving_average").value(v -> assertThat(((Number) v).doubleValue())
                            .isCloseTo(expected, within(1e-9)));
        }
        // System B's symbol_averages row, kept by the writer, agrees too.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                store.average(symbol, 5).filter(a -> a.lastSeq() == ticks).isPresent());
        double lastFive = sql.queryForObject("SELECT avg(price) FROM (SELECT price FROM price_points WHERE symbol = ?"
                + " ORDER BY seq DESC LIMIT 5) t", Double.class, symbol);
        assertThat(store.average(symbol, 5).orElseThrow().value()).isCloseTo(lastFive, within(1e-9));
    }
}
