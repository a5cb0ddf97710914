package io.tickhub.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.server.TickhubApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A replay of past ticks (CSV, not rebased, as fast as possible) into a hub on H2 gives exactly
 * the bars an independent computation gives over the same ticks: the ticks are read back through
 * the {@link Store} port into a scratch H2 table and grouped in SQL by time bucket (first and last
 * by seq, max, min, sum of volume, count). The ticks span the 2024 spring DST change in New York
 * and include late ticks, 90 s, 3 h and 30 h behind the event time, which revise closed bars.
 */
class ReplayedBarsOracleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 18:00 EST on Saturday 9 March 2024; the clocks go forward at 02:00 on the 10th. */
    private static final Instant FIRST = Instant.parse("2024-03-09T23:00:00Z");
    private static final Instant LAST = Instant.parse("2024-03-11T07:00:00Z");
    private static final List<String> SYMBOLS = List.of("ORCA", "ORCB");

    @TempDir
    Path dir;

    /** Rows in time order with irregular gaps (1 ms to 40 min), then three late rows among them. */
    private Path csv() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        List<String> rows = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        Instant time = FIRST;
        while (time.isBefore(LAST)) {
            long gap = switch (random.nextInt(3)) {
                case 0 -> 1 + random.nextInt(1_500);
                case 1 -> 1 + random.nextInt(400_000);
                default -> 1 + random.nextInt(2_400_000);
            };
            time = time.plusMillis(gap);
            times.add(time);
            symbols.add(SYMBOLS.get(random.nextInt(SYMBOLS.size())));
            rows.add(time + "," + symbols.getLast() + ","
                    + Math.round((100 + random.nextDouble(-5, 5)) * 100) / 100.0 + "," + (1 + random.nextInt(500)));
        }
        int n = rows.size();
        // Late: each behind its symbol's event time (the row before it) by far more than the allowed lateness.
        rows.add(n - 5, times.get(n - 6).minusSeconds(90) + "," + symbols.get(n - 6) + ",77.77,11");
        rows.add(n - 30, times.get(n - 31).minus(Duration.ofHours(3)) + "," + symbols.get(n - 31) + ",133.33,22");
        rows.add(n - 60, times.get(n - 61).minus(Duration.ofHours(30)) + "," + symbols.get(n - 61) + ",66.66,33");
        rows.addFirst("timestamp,symbol,price,volume");
        return Files.write(dir.resolve("past.csv"), rows);
    }

    @Test
    void everyBarOfAReplayedPastEqualsAGroupByOfItsStoredTicks() throws Exception {
        Path file = csv();
        int rows = (int) Files.lines(file).count() - 1;
        try (ConfigurableApplicationContext hub = SpringApplication.run(TickhubApplication.class, "--server.port=0",
                "--tickhub.simulator.enabled=false", "--tickhub.providers.yahoo.base-url=http://127.0.0.1:9",
                "--tickhub.providers.replay.file=" + file, "--tickhub.providers.replay.speed=0",
                "--tickhub.providers.replay.rebase=false", "--tickhub.bars.allowed-lateness=2s",
                "--tickhub.bars.revisable-bars=100000")) {
            Store store = hub.getBean(Store.class);
            BarAggregator aggregator = hub.getBean(BarAggregator.class);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    SYMBOLS.stream().mapToLong(store::lastSeq).sum() == rows);
            // The replay over, its symbols are quiet: two seconds on, the wall clock closes their last bars.
            await().atMost(Duration.ofSeconds(30)).until(() -> aggregator.openBars().isEmpty());
            hub.getBean(StoreWriter.class).stored().get(30, TimeUnit.SECONDS);

            assertThat(aggregator.lateCount()).isEqualTo(3);
            assertThat(aggregator.revisionCount()).isGreaterThanOrEqualTo(3);
            assertThat(aggregator.refusedCount()).isZero();
            try (Oracle oracle = new Oracle()) {
                for (String symbol : SYMBOLS) {
                    oracle.load(store.history(symbol, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, 100_000));
                }
                assertThat(oracle.ticks()).isEqualTo(rows);
                for (String symbol : SYMBOLS) {
                    for (BarInterval interval : BarInterval.values()) {
                        List<Bar> stored = store.bars(symbol, interval, Instant.EPOCH,
                                Instant.parse("2100-01-01T00:00:00Z"), null, 100_000);
                        assertThat(stored).as(symbol + " " + interval.code())
                                .containsExactlyElementsOf(oracle.bars(symbol, interval));
                    }
                }
            }
        }
    }

    /** The independent computation: SQL over a scratch H2 table of the ticks. */
    private static final class Oracle implements AutoCloseable {

        private final SingleConnectionDataSource db = new SingleConnectionDataSource(
                "jdbc:h2:mem:oracle-" + UUID.randomUUID(), "sa", "", true);
        private final JdbcTemplate sql = new JdbcTemplate(db);

        Oracle() {
            sql.execute("CREATE TABLE ticks (symbol VARCHAR(32), seq BIGINT, price DOUBLE PRECISION,"
                    + " volume DOUBLE PRECISION, t TIMESTAMP(6) WITH TIME ZONE, epoch_ms BIGINT, PRIMARY KEY (symbol, seq))");
        }

        void load(List<Quote> quotes) {
            sql.batchUpdate("INSERT INTO ticks VALUES (?, ?, ?, ?, ?, ?)", quotes.stream().map(q -> new Object[] {
                    q.symbol(), q.seq(), q.price(), q.volume(), OffsetDateTime.ofInstant(q.providerTime(), ZoneOffset.UTC),
                    q.providerTime().toEpochMilli()}).toList());
        }

        int ticks() {
            return sql.queryForObject("SELECT COUNT(*) FROM ticks", Integer.class);
        }

        /** Intraday buckets: whole lengths since the epoch (UTC); daily: the calendar date in New York. */
        List<Bar> bars(String symbol, BarInterval interval) {
            boolean daily = interval == BarInterval.D1;
            // (H2 casts a zoned timestamp to DATE in the session's zone, so the date is formatted in New York's.)
            String bucket = daily ? "CAST(FORMATDATETIME(t, 'yyyy-MM-dd', 'en', 'America/New_York') AS DATE)"
                    : "(epoch_ms / " + interval.nominalMillis() + ") * " + interval.nominalMillis();
            return sql.query("""
                    SELECT b.bucket, f.price AS open, b.high, b.low, l.price AS close, b.volume, b.n, b.last_seq
                    FROM (SELECT bucket, MIN(seq) AS first_seq, MAX(seq) AS last_seq, MAX(price) AS high,
                                 MIN(price) AS low, SUM(volume) AS volume, COUNT(*) AS n
                          FROM (SELECT seq, price, volume, %s AS bucket FROM ticks WHERE symbol = ?) x
                          GROUP BY bucket) b
                    JOIN ticks f ON f.symbol = ? AND f.seq = b.first_seq
                    JOIN ticks l ON l.symbol = ? AND l.seq = b.last_seq
                    ORDER BY b.bucket
                    """.formatted(bucket), (rs, i) -> new Bar(symbol, interval,
                    daily ? rs.getObject("bucket", LocalDate.class).atStartOfDay(NEW_YORK).toInstant()
                            : Instant.ofEpochMilli(rs.getLong("bucket")),
                    rs.getDouble("open"), rs.getDouble("high"), rs.getDouble("low"), rs.getDouble("close"),
                    rs.getDouble("volume"), rs.getLong("n"), true, rs.getLong("last_seq"), false), symbol, symbol, symbol);
        }

        @Override
        public void close() {
            sql.execute("SHUTDOWN");
            db.destroy();
        }
    }
}
