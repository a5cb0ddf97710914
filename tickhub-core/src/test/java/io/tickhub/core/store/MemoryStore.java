package io.tickhub.core.store;

import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarInterval;
import io.tickhub.core.jobs.JobReport;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.news.NewsItem;
import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Store} in memory for the writer's tests, held to the same {@link StoreContract} as the
 * database adapters. It can be told to fail, as a database that is down does.
 */
public final class MemoryStore implements Store {

    private final Map<String, TreeMap<Long, Quote>> quotes = new HashMap<>();
    private final Map<String, Bar> bars = new LinkedHashMap<>();
    private final Map<String, SymbolAverage> averages = new HashMap<>();
    private final Map<String, NewsItem> news = new LinkedHashMap<>();
    private final Map<String, RawPayload> raw = new HashMap<>();
    private final Map<String, PollingJob> jobs = new LinkedHashMap<>();
    private final Map<String, Lease> leases = new java.util.HashMap<>();
    private final Map<String, JobReport> jobReports = new HashMap<>();
    private final AtomicInteger batches = new AtomicInteger();
    private volatile boolean down;

    /** While down, every call fails as a lost connection would. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Batches written successfully. */
    public int batches() {
        return batches.get();
    }

    private void check() {
        if (down) {
            throw new StoreException("connection refused");
        }
    }

    @Override
    public synchronized void write(StoreBatch batch) {
        check();
        batch.quotes().forEach(q -> quotes.computeIfAbsent(q.symbol(), s -> new TreeMap<>()).putIfAbsent(q.seq(), q));
        batch.bars().forEach(b -> bars.put(b.symbol() + "|" + b.interval() + "|" + b.start(), new Bar(b.symbol(),
                b.interval(), b.start(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.count(), b.closed(),
                b.lastSeq(), false))); // the revised flag is the stream's, not stored
        batch.averages().forEach(a -> averages.put(a.symbol() + "|" + a.window(), a));
        batch.news().forEach(n -> news.putIfAbsent(n.id(), n));
        batch.rawPayloads().forEach(p -> raw.putIfAbsent(p.id(), p));
        batches.incrementAndGet();
    }

    public synchronized int quoteCount() {
        return quotes.values().stream().mapToInt(Map::size).sum();
    }

    public synchronized List<Bar> allBars() {
        return List.copyOf(bars.values());
    }

    @Override
    public synchronized Optional<Quote> latest(String symbol, String provider) {
        check();
        return quotes.getOrDefault(symbol, new TreeMap<>()).descendingMap().values().stream()
                .filter(q -> provider == null || q.provider().equals(provider)).findFirst();
    }

    @Override
    public synchronized List<Quote> history(String symbol, Instant from, Instant to, long afterSeq, int limit) {
        check();
        return quotes.getOrDefault(symbol, new TreeMap<>()).tailMap(afterSeq, false).values().stream()
                .filter(q -> !q.hubTime().isBefore(from) && q.hubTime().isBefore(to)).limit(limit).toList();
    }

    @Override
    public synchronized OptionalLong lastSeqAtOrBefore(String symbol, Instant hubTime, long afterSeq) {
        check();
        return quotes.getOrDefault(symbol, new TreeMap<>()).tailMap(afterSeq, false).descendingMap().values().stream()
                .filter(q -> !q.hubTime().isAfter(hubTime))
                .mapToLong(Quote::seq)
                .findFirst();
    }

    @Override
    public synchronized List<Quote> seqRange(String symbol, long afterSeq, long beforeSeq, int limit) {
        check();
        if (beforeSeq <= afterSeq + 1) {
            return List.of();
        }
        return quotes.getOrDefault(symbol, new TreeMap<>()).subMap(afterSeq, false, beforeSeq, false).values().stream()
                .limit(limit).toList();
    }

    @Override
    public synchronized List<Quote> newest(String symbol, int count) {
        check();
        List<Quote> newest = new ArrayList<>(quotes.getOrDefault(symbol, new TreeMap<>()).descendingMap().values()
                .stream().limit(count).toList());
        return newest.reversed();
    }

    @Override
    public synchronized List<Bar> bars(String symbol, BarInterval interval, Instant from, Instant to,
                                       Instant afterStart, int limit) {
        check();
        return barsOf(symbol, interval).stream()
                .filter(b -> !b.start().isBefore(from) && b.start().isBefore(to))
                .filter(b -> afterStart == null || b.start().isAfter(afterStart)).limit(limit).toList();
    }

    @Override
    public synchronized List<Bar> newestBars(String symbol, BarInterval interval, int count) {
        check();
        List<Bar> all = barsOf(symbol, interval);
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    private List<Bar> barsOf(String symbol, BarInterval interval) {
        return bars.values().stream().filter(b -> b.symbol().equals(symbol) && b.interval() == interval)
                .sorted(Comparator.comparing(Bar::start)).toList();
    }

    @Override
    public synchronized List<Bar> lastBars() {
        check();
        Map<String, Bar> last = new HashMap<>();
        bars.values().forEach(b -> last.merge(b.symbol() + "|" + b.interval(), b,
                (x, y) -> x.start().isAfter(y.start()) ? x : y));
        return List.copyOf(last.values());
    }

    @Override
    public synchronized long lastSeq(String symbol) {
        check();
        TreeMap<Long, Quote> bySeq = quotes.get(symbol);
        return bySeq == null ? 0 : bySeq.lastKey();
    }

    @Override
    public synchronized Map<String, Long> lastSeqs() {
        check();
        Map<String, Long> seqs = new HashMap<>();
        quotes.forEach((symbol, bySeq) -> seqs.put(symbol, bySeq.lastKey()));
        return seqs;
    }

    @Override
    public synchronized Optional<SymbolAverage> average(String symbol, int window) {
        check();
        return Optional.ofNullable(averages.get(symbol + "|" + window));
    }

    @Override
    public synchronized List<NewsItem> news(String symbol, int limit) {
        check();
        return news.values().stream().filter(n -> symbol == null || n.symbols().contains(symbol))
                .sorted(Comparator.comparing(NewsItem::published).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Optional<RawPayload> rawPayload(String id) {
        check();
        return Optional.ofNullable(raw.get(id));
    }

    @Override
    public synchronized void saveJob(PollingJob job) {
        check();
        jobs.put(job.id(), job);
    }

    @Override
    public synchronized boolean deleteJob(String id) {
        check();
        leases.remove(id);
        jobReports.remove(id);
        return jobs.remove(id) != null;
    }

    @Override
    public synchronized List<String> claimJobs(String node, Instant now, Instant until) {
        check();
        for (String id : jobs.keySet()) {
            Lease lease = leases.get(id);
            if (lease == null || lease.owner().equals(node) || lease.until().isBefore(now)) {
                leases.put(id, new Lease(node, until));
            }
        }
        return jobs.keySet().stream().filter(id -> leases.get(id).owner().equals(node)).sorted().toList();
    }

    @Override
    public synchronized void releaseJobs(String node) {
        check();
        leases.values().removeIf(lease -> lease.owner().equals(node));
    }

    @Override
    public synchronized void reportJobs(String node, List<JobReport> reports) {
        check();
        for (JobReport report : reports) {
            Lease lease = leases.get(report.jobId());
            if (lease != null && lease.owner().equals(node) && jobs.containsKey(report.jobId())) {
                jobReports.put(report.jobId(), report);
            }
        }
    }

    @Override
    public synchronized Map<String, JobReport> jobReports() {
        check();
        jobReports.keySet().retainAll(jobs.keySet());
        return Map.copyOf(jobReports);
    }

    private record Lease(String owner, Instant until) {
    }

    @Override
    public synchronized List<PollingJob> jobs() {
        check();
        return List.copyOf(jobs.values());
    }

    @Override
    public void ping() {
        check();
    }

    @Override
    public String vendor() {
        return "memory";
    }
}
