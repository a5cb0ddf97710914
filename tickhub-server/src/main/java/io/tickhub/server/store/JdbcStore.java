package io.tickhub.server.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.jobs.JobReport;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.RawPayload;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreBatch;
import io.tickhub.core.store.StoreException;
import io.tickhub.core.store.SymbolAverage;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The {@link Store} on a JDBC database (H2 or PostgreSQL; the schema is Flyway's, per vendor).
 * Only the bulk load of price points differs between the two ({@link PricePointLoader}).
 *
 * <p>A batch is one transaction. Its price points go in by the fast bulk load; when that meets a
 * row already stored (a batch retried after a commit the writer did not see acknowledged) the
 * transaction is rolled back and the batch written again with insert-if-absent merges, so a
 * retry never fails and never duplicates.
 */
public final class JdbcStore implements Store {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PricePointLoader loader;
    private final String vendor;

    public JdbcStore(DataSource dataSource, PricePointLoader loader, String vendor) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.loader = loader;
        this.vendor = vendor;
    }

    /** The adapter for the database behind {@code dataSource}: COPY on PostgreSQL, JDBC batches elsewhere. */
    public static JdbcStore on(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreException("cannot reach the database: " + e.getMessage(), e);
        }
        return product.toLowerCase().contains("postgres")
                ? new JdbcStore(dataSource, new PostgresCopyLoader(), "PostgreSQL")
                : new JdbcStore(dataSource, PricePointLoader.JDBC_BATCH, product);
    }

    // --- writes --------------------------------------------------------------------------------

    @Override
    public void write(StoreBatch batch) {
        try {
            run(() -> transaction.executeWithoutResult(s -> writeIn(batch, true)));
        } catch (StoreException e) {
            if (!(e.getCause() instanceof DuplicateKeyException)) {
                throw e;
            }
            run(() -> transaction.executeWithoutResult(s -> writeIn(batch, false)));
        }
    }

    private void writeIn(StoreBatch batch, boolean bulk) {
        if (!batch.quotes().isEmpty()) {
            if (bulk) {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    loader.load(connection, batch.quotes());
                } catch (SQLException e) {
                    throw jdbc.getExceptionTranslator().translate("bulk load", null, e);
                }
            } else {
                jdbc.batchUpdate(StoreSql.MERGE_PRICE_POINT, batch.quotes().stream().map(StoreRows::quoteArgs).toList());
            }
            mergeMany(StoreSql.MERGE_INSTRUMENTS, StoreSql.INSTRUMENT_ROW, newestPerSymbol(batch.quotes()));
        }
        if (!batch.bars().isEmpty()) {
            jdbc.batchUpdate(StoreSql.MERGE_BAR, batch.bars().stream().map(StoreRows::barArgs).toList());
        }
        if (!batch.averages().isEmpty()) {
            mergeMany(StoreSql.MERGE_AVERAGES, StoreSql.AVERAGE_ROW, batch.averages().stream().map(a -> new Object[] {
                    a.symbol(), a.window(), a.value(), StoreRows.time(a.calcTime()), a.lastSeq()}).toList());
        }
        if (!batch.news().isEmpty()) {
            writeNews(batch.news());
        }
        if (!batch.rawPayloads().isEmpty()) {
            jdbc.batchUpdate(StoreSql.MERGE_RAW, batch.rawPayloads().stream().map(p -> new Object[] {
                    p.id(), p.provider(), p.symbol(), StoreRows.time(p.receivedAt()), p.contentType(), p.body()}).toList());
        }
    }

    /** Many rows per statement, {@link StoreSql#ROWS_PER_STATEMENT} at a time. */
    private void mergeMany(String template, String row, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += StoreSql.ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + StoreSql.ROWS_PER_STATEMENT));
            jdbc.update(StoreSql.manyRows(template, row, chunk.size()),
                    chunk.stream().flatMap(Arrays::stream).toArray());
        }
    }

    /** One instruments row per symbol of the batch: its newest quote, and its first hub time if new. */
    private static List<Object[]> newestPerSymbol(List<Quote> quotes) {
        Map<String, Quote> newest = new LinkedHashMap<>();
        for (Quote q : quotes) {
            newest.merge(q.symbol(), q, (a, b) -> b.seq() > a.seq() ? b : a);
        }
        return newest.values().stream().map(q -> new Object[] {
                q.symbol(), StoreRows.time(q.hubTime()), q.seq(), q.price(), q.provider()}).toList();
    }

    private void writeNews(List<NewsItem> news) {
        jdbc.batchUpdate(StoreSql.MERGE_NEWS, news.stream().map(n -> new Object[] {n.id(), n.headline(), n.summary(),
                n.source(), n.url(), StoreRows.time(n.published()), StoreRows.joined(n.symbols())}).toList());
        List<Object[]> about = new ArrayList<>();
        news.forEach(n -> n.symbols().forEach(s -> about.add(new Object[] {s, n.id(), StoreRows.time(n.published())})));
        if (!about.isEmpty()) {
            jdbc.batchUpdate(StoreSql.MERGE_NEWS_SYMBOL, about);
        }
    }

    @Override
    public void saveJob(PollingJob job) {
        run(() -> jdbc.update(StoreSql.MERGE_JOB, job.id(), StoreRows.joined(job.symbols()), job.interval().toMillis(),
                job.provider(), StoreRows.time(job.createdAt())));
    }

    @Override
    public boolean deleteJob(String id) {
        return run(() -> jdbc.update("DELETE FROM polling_jobs WHERE id = ?", id)) > 0;
    }

    @Override
    public List<String> claimJobs(String node, Instant now, Instant until) {
        return run(() -> transaction.execute(status -> {
            jdbc.update(StoreSql.CLAIM_JOBS, node, StoreRows.time(until), node, StoreRows.time(now));
            return jdbc.queryForList("SELECT id FROM polling_jobs WHERE lease_owner = ? ORDER BY id", String.class, node);
        }));
    }

    @Override
    public void releaseJobs(String node) {
        run(() -> jdbc.update("UPDATE polling_jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", node));
    }

    @Override
    public void reportJobs(String node, List<JobReport> reports) {
        if (!reports.isEmpty()) {
            run(() -> jdbc.batchUpdate(JobReportRows.REPORT, reports.stream().map(r -> JobReportRows.args(node, r)).toList()));
        }
    }

    @Override
    public Map<String, JobReport> jobReports() {
        Map<String, JobReport> out = new LinkedHashMap<>();
        run(() -> jdbc.query(JobReportRows.REPORTS, JobReportRows.READ)).forEach(r -> out.put(r.jobId(), r));
        return out;
    }

    // --- reads ---------------------------------------------------------------------------------

    @Override
    public Optional<Quote> latest(String symbol, String provider) {
        return run(() -> provider == null
                ? jdbc.query(StoreSql.NEWEST, StoreRows.QUOTE, symbol, 1)
                : jdbc.query(StoreSql.LATEST_OF_PROVIDER, StoreRows.QUOTE, symbol, provider)).stream().findFirst();
    }

    @Override
    public List<Quote> history(String symbol, Instant from, Instant to, long afterSeq, int limit) {
        return run(() -> jdbc.query(StoreSql.HISTORY, StoreRows.QUOTE, symbol, StoreRows.time(from),
                StoreRows.time(to), afterSeq, limit));
    }

    @Override
    public List<Quote> seqRange(String symbol, long afterSeq, long beforeSeq, int limit) {
        return run(() -> jdbc.query(StoreSql.SEQ_RANGE, StoreRows.QUOTE, symbol, afterSeq, beforeSeq, limit));
    }

    @Override
    public OptionalLong lastSeqAtOrBefore(String symbol, Instant hubTime, long afterSeq) {
        return run(() -> jdbc.query(StoreSql.LAST_SEQ_AT_OR_BEFORE, (rs, n) -> rs.getLong(1), symbol, afterSeq,
                StoreRows.time(hubTime))).stream().mapToLong(Long::longValue).findFirst();
    }

    @Override
    public List<Quote> newest(String symbol, int count) {
        return run(() -> jdbc.query(StoreSql.NEWEST, StoreRows.QUOTE, symbol, count)).reversed();
    }

    @Override
    public List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to, Instant afterStart, int limit) {
        Instant after = afterStart == null ? from.minusNanos(1_000) : afterStart;
        return run(() -> jdbc.query(StoreSql.BARS, StoreRows.BAR, symbol, interval.code(), StoreRows.time(from),
                StoreRows.time(to), StoreRows.time(after), limit));
    }

    @Override
    public List<Bar> newestBars(String symbol, BarInterval interval, int count) {
        return run(() -> jdbc.query(StoreSql.NEWEST_BARS, StoreRows.BAR, symbol, interval.code(), count)).reversed();
    }

    /** One indexed query per symbol and interval: no scan of the bar table, however long it grows. */
    @Override
    public List<Bar> lastBars() {
        List<Bar> last = new ArrayList<>();
        for (String symbol : lastSeqs().keySet()) {
            for (BarInterval interval : BarInterval.values()) {
                last.addAll(newestBars(symbol, interval, 1));
            }
        }
        return last;
    }

    @Override
    public long lastSeq(String symbol) {
        return run(() -> jdbc.query("SELECT last_seq FROM instruments WHERE symbol = ?",
                (rs, n) -> rs.getLong(1), symbol)).stream().findFirst().orElse(0L);
    }

    @Override
    public Map<String, Long> lastSeqs() {
        Map<String, Long> seqs = new HashMap<>();
        run(() -> {
            jdbc.query("SELECT symbol, last_seq FROM instruments", rs -> {
                seqs.put(rs.getString(1), rs.getLong(2));
            });
            return null;
        });
        return seqs;
    }

    @Override
    public Optional<SymbolAverage> average(String symbol, int window) {
        return run(() -> jdbc.query("SELECT symbol, window_size, average, calc_time, last_seq FROM symbol_averages"
                + " WHERE symbol = ? AND window_size = ?", StoreRows.AVERAGE, symbol, window)).stream().findFirst();
    }

    @Override
    public List<NewsItem> news(String symbol, int limit) {
        return run(() -> symbol == null
                ? jdbc.query(StoreSql.NEWS, StoreRows.NEWS, limit)
                : jdbc.query(StoreSql.NEWS_ABOUT, StoreRows.NEWS, symbol, limit));
    }

    @Override
    public Optional<RawPayload> rawPayload(String id) {
        return run(() -> jdbc.query("SELECT id, provider, symbol, received_at, content_type, body FROM raw_payloads"
                + " WHERE id = ?", StoreRows.RAW, id)).stream().findFirst();
    }

    @Override
    public List<PollingJob> jobs() {
        return run(() -> jdbc.query("SELECT id, symbols, interval_ms, provider, created_at FROM polling_jobs"
                + " ORDER BY created_at, id", StoreRows.JOB));
    }

    @Override
    public void ping() {
        run(() -> jdbc.queryForObject("SELECT 1", Integer.class));
    }

    @Override
    public String vendor() {
        return vendor;
    }

    /** Spring's exceptions stay inside the adapter: callers see a {@link StoreException} with the reason. */
    private static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw new StoreException(reason(e), e);
        }
    }

    private static void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    private static String reason(DataAccessException e) {
        Throwable root = e.getMostSpecificCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
