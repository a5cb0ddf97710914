package io.tickhub.core.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.jobs.JobReport;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the hub keeps: price points, bars, moving averages, raw provider payloads, news and
 * polling jobs. One port, two adapters (H2 and PostgreSQL) held to one contract test.
 *
 * <p>Writes come in batches from the {@link StoreWriter}'s single thread; reads from any thread.
 * Every write is idempotent, so a batch whose commit was not acknowledged can be written again
 * without duplicating a row. Failures are {@link StoreException}s.
 */
public interface Store {

    /** Writes one batch in one transaction: all of it or nothing. Rows already stored are kept as they are. */
    void write(StoreBatch batch);

    /** The symbol's newest stored price point, of {@code provider} when given (null: any provider). */
    Optional<Quote> latest(String symbol, String provider);

    /**
     * Price points of a symbol in seq order: hub time in {@code [from, to)}, seq after {@code afterSeq}
     * (the cursor), at most {@code limit}.
     */
    List<Quote> history(String symbol, Instant from, Instant to, long afterSeq, int limit);

    /**
     * Price points of a symbol with seq after {@code afterSeq} and before {@code beforeSeq}, in seq
     * order, at most {@code limit}: a resume's stretch from before the book's ring.
     */
    List<Quote> seqRange(String symbol, long afterSeq, long beforeSeq, int limit);

    /**
     * The highest seq of a symbol stored with hub time at or before {@code hubTime}, among seqs above
     * {@code afterSeq} (a floor that keeps the read to a range of the (symbol, seq) key); empty when
     * there is none. Seqs and hub times rise together, so this places one instant of the hub's
     * order in the symbol's stream: an SSE {@code Last-Event-ID} older than the book's ring.
     */
    OptionalLong lastSeqAtOrBefore(String symbol, Instant hubTime, long afterSeq);

    /** The newest {@code count} price points of a symbol, oldest first. */
    List<Quote> newest(String symbol, int count);

    /** Closed (or checkpointed open) bars, start in {@code [from, to)} and after {@code afterStart}, oldest first. */
    List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to, Instant afterStart, int limit);

    /** The newest {@code count} bars of a symbol at an interval, oldest first. */
    List<Bar> newestBars(String symbol, BarInterval interval, int count);

    /**
     * Each symbol's newest bar at every interval, for the symbols with stored price points: what
     * the aggregator continues from after a restart.
     */
    List<Bar> lastBars();

    /**
     * The highest seq stored for a symbol, 0 when none. Written in the same transaction as the
     * price points, so every seq up to it is stored (or was lost to overflow, for good).
     */
    long lastSeq(String symbol);

    /** The last seq stored for every symbol, so numbering continues after a restart. */
    Map<String, Long> lastSeqs();

    /** The stored moving average of a symbol over {@code window} prices, if one was computed. */
    Optional<SymbolAverage> average(String symbol, int window);

    /** Newest news first, about {@code symbol} when given (null: any). */
    List<NewsItem> news(String symbol, int limit);

    /** A stored raw payload by id. */
    Optional<RawPayload> rawPayload(String id);

    /** Creates or replaces a polling job. Not batched: the caller learns at once whether it is kept. */
    void saveJob(PollingJob job);

    /** @return whether a job with this id existed */
    boolean deleteJob(String id);

    List<PollingJob> jobs();

    /**
     * Renews {@code node}'s job leases and takes every job whose lease is free or ended before
     * {@code now}, all until {@code until}, in one transaction: of nodes claiming at once, each job
     * goes to one. Leases are what make a job run on exactly one ingest node.
     *
     * @return the ids of the jobs {@code node} now holds
     */
    List<String> claimJobs(String node, Instant now, Instant until);

    /** Gives up {@code node}'s leases (it is stopping), so another node takes its jobs at once. */
    void releaseJobs(String node);

    /**
     * Records how the jobs run on {@code node}; a report of a job {@code node} does not hold (any
     * more) is ignored, so a node that lost a lease cannot overwrite its new holder's report.
     */
    void reportJobs(String node, List<JobReport> reports);

    /** The last report of every job that has one, by job id. */
    Map<String, JobReport> jobReports();

    /** Checks the database answers; throws {@link StoreException} with the reason when it does not. */
    void ping();

    /** Which database this is ({@code H2}, {@code PostgreSQL}), for health and logs. */
    String vendor();
}
