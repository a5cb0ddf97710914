package io.tickhub.core.journal;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.jobs.JobReport;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.store.RawPayload;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreBatch;
import io.tickhub.core.store.SymbolAverage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded store: ticks in the {@link TickJournal} (where the sequencer wrote them already),
 * everything else (bars, averages, news, raw payloads, jobs) in a small SQL store. Storing a tick
 * then costs nothing beyond the journal append.
 *
 * <p>{@link #write} appends a batch's quotes only where the journal has nothing at or after their
 * seq: in the hub the sequencer has journaled them and the writer is never handed quotes, so this
 * only serves callers that fill a store directly (imports, tests). It must not run while a
 * sequencer writes the journal.
 */
public final class JournalTickStore implements Store {

    private final TickJournal journal;
    private final Store rest;

    /** @param rest the store of everything but ticks */
    public JournalTickStore(TickJournal journal, Store rest) {
        this.journal = journal;
        this.rest = rest;
    }

    @Override
    public void write(StoreBatch batch) {
        for (Quote q : batch.quotes()) {
            if (q.seq() > journal.lastSeq(q.symbol())) {
                journal.append(q);
            }
        }
        StoreBatch others = new StoreBatch(List.of(), batch.bars(), batch.averages(), batch.news(), batch.rawPayloads());
        if (!others.isEmpty() || !others.averages().isEmpty()) {
            rest.write(others);
        }
    }

    @Override
    public Optional<Quote> latest(String symbol, String provider) {
        return journal.latest(symbol, provider);
    }

    @Override
    public List<Quote> history(String symbol, Instant from, Instant to, long afterSeq, int limit) {
        return journal.history(symbol, from, to, afterSeq, limit);
    }

    @Override
    public List<Quote> seqRange(String symbol, long afterSeq, long beforeSeq, int limit) {
        return journal.seqRange(symbol, afterSeq, beforeSeq, limit);
    }

    @Override
    public List<Quote> newest(String symbol, int count) {
        return journal.newest(symbol, count);
    }

    @Override
    public List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to, Instant afterStart, int limit) {
        return rest.bars(symbol, interval, from, to, afterStart, limit);
    }

    @Override
    public List<Bar> newestBars(String symbol, BarInterval interval, int count) {
        return rest.newestBars(symbol, interval, count);
    }

    /** The symbols are the journal's: the SQL store's list of instruments is not kept in this mode. */
    @Override
    public List<Bar> lastBars() {
        List<Bar> last = new ArrayList<>();
        for (String symbol : journal.lastSeqs().keySet()) {
            for (BarInterval interval : BarInterval.values()) {
                last.addAll(rest.newestBars(symbol, interval, 1));
            }
        }
        return last;
    }

    @Override
    public long lastSeq(String symbol) {
        return journal.lastSeq(symbol);
    }

    @Override
    public Map<String, Long> lastSeqs() {
        return journal.lastSeqs();
    }

    @Override
    public Optional<SymbolAverage> average(String symbol, int window) {
        return rest.average(symbol, window);
    }

    @Override
    public List<NewsItem> news(String symbol, int limit) {
        return rest.news(symbol, limit);
    }

    @Override
    public Optional<RawPayload> rawPayload(String id) {
        return rest.rawPayload(id);
    }

    @Override
    public void saveJob(PollingJob job) {
        rest.saveJob(job);
    }

    @Override
    public boolean deleteJob(String id) {
        return rest.deleteJob(id);
    }

    @Override
    public List<PollingJob> jobs() {
        return rest.jobs();
    }

    @Override
    public List<String> claimJobs(String node, Instant now, Instant until) {
        return rest.claimJobs(node, now, until);
    }

    @Override
    public void releaseJobs(String node) {
        rest.releaseJobs(node);
    }

    @Override
    public void reportJobs(String node, List<JobReport> reports) {
        rest.reportJobs(node, reports);
    }

    @Override
    public Map<String, JobReport> jobReports() {
        return rest.jobReports();
    }

    @Override
    public void ping() {
        rest.ping();
    }

    /** The SQL store's vendor: health and B's test-db report the database clients know. */
    @Override
    public String vendor() {
        return rest.vendor();
    }
}
