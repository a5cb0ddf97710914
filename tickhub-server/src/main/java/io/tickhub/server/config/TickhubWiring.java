package io.tickhub.server.config;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.analytics.Bar;
import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.book.Book;
import io.tickhub.core.bus.InProcessBus;
import io.tickhub.core.bus.QuoteBus;
import io.tickhub.core.bus.QuoteListener;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.failover.SymbolFreshness;
import io.tickhub.core.fanout.BarFanOut;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.MarketEncoder;
import io.tickhub.core.fanout.NewsFanOut;
import io.tickhub.core.ingest.IngestMetrics;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.ingest.OwnerHandOff;
import io.tickhub.core.ingest.Sequencer;
import io.tickhub.core.ingest.SymbolOwnership;
import io.tickhub.core.journal.JournalReplay;
import io.tickhub.core.journal.JournalTickStore;
import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.journal.TickJournal;
import io.tickhub.core.news.NewsWire;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.sim.HeadlineGenerator;
import io.tickhub.core.sim.SimulatedMarket;
import io.tickhub.core.store.MarketHistory;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreRecovery;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.server.analytics.BarCloser;
import io.tickhub.server.bus.kafka.KafkaQuoteBus;
import io.tickhub.server.bus.kafka.KafkaStreamEpoch;
import io.tickhub.server.bus.kafka.KafkaTail;
import io.tickhub.server.bus.kafka.PriceEventsPublisher;
import io.tickhub.server.bus.redis.RedisQuoteBus;
import io.tickhub.server.book.SymbolRetirement;
import io.tickhub.server.cache.RedisLatestCache;
import io.tickhub.server.health.VitalThreads;
import io.tickhub.server.metrics.HubMetricsBinder;
import io.tickhub.server.metrics.JournalMetricsBinder;
import io.tickhub.server.metrics.MicrometerIngestMetrics;
import io.tickhub.server.metrics.StoreMetricsBinder;
import io.tickhub.server.provider.ProviderCatalog;
import io.tickhub.server.provider.SimulatedNewsProvider;
import io.tickhub.server.provider.SimulatorProvider;
import io.tickhub.server.provider.StreamInterest;
import io.tickhub.server.redis.RedisClients;
import io.tickhub.server.store.JdbcStore;
import io.tickhub.server.store.JournalFlusher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Lazy;

/**
 * The hub's data flow, wired in the order data moves through it:
 * providers → ingest (sequencer) → bus → book, fan-out, bar aggregator, store writer.
 *
 * <p>Lifecycle follows the dependencies: the bus and book exist before ingest starts, ingest runs
 * before any provider submits, and on shutdown providers stop first, then ingest drains what
 * they submitted into the bus.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TickhubProperties.class)
public class TickhubWiring {

    private static final Logger log = LoggerFactory.getLogger(TickhubWiring.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    InstrumentRegistry instrumentRegistry() {
        return new InstrumentRegistry();
    }

    @Bean
    ProviderStatusBoard providerStatusBoard(Clock clock) {
        return new ProviderStatusBoard(clock);
    }

    // --- providers -----------------------------------------------------------------------------

    @Bean
    @ConditionalOnBooleanProperty(name = "tickhub.simulator.enabled", matchIfMissing = true)
    SimulatedMarket simulatedMarket(TickhubProperties properties, Clock clock) {
        return new SimulatedMarket(properties.simulator().settings(), clock);
    }

    /** Touches the market on its own thread only; the market bean is not shared with any other. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "tickhub.simulator.enabled", matchIfMissing = true)
    @ConditionalOnRole(Roles.Role.INGEST)
    SimulatorProvider simulatorProvider(TickhubProperties properties, SimulatedMarket market, IngestPipeline ingest,
                                        InstrumentRegistry instruments, ProviderStatusBoard status, Book book) {
        // The ingest pipeline has restored the book from the store: prices continue, not restart.
        market.instruments().forEach(i -> book.latest(i.symbol()).ifPresent(q -> market.continueFrom(i.symbol(), q.price())));
        return new SimulatorProvider(market, properties.simulator().interval(),
                properties.simulator().pacing() == TickhubProperties.Simulator.Pacing.SPREAD, ingest, instruments, status);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "tickhub.simulator.enabled", matchIfMissing = true)
    @ConditionalOnRole(Roles.Role.INGEST)
    SimulatedNewsProvider simulatedNewsProvider(TickhubProperties properties, SimulatedMarket market, Clock clock,
                                                NewsWire news) {
        var simulator = properties.simulator();
        return new SimulatedNewsProvider(new HeadlineGenerator(market.instruments(), simulator.seed(), clock),
                simulator.newsInterval(), news);
    }

    // --- ingest: validate, dedupe, stamp seq, journal ---------------------------------------------

    /**
     * Every accepted update, recorded by the sequencer before it is published. Closed after ingest
     * has drained (ingest depends on it), so the last quotes are in it when it is marked clean.
     */
    @Bean(destroyMethod = "close")
    TickJournal tickJournal(TickhubProperties properties) {
        log.info("Data directory {} (tickhub.data-dir); tick journal {}", properties.dataDir().toAbsolutePath().normalize(),
                properties.journalDir().toAbsolutePath().normalize());
        TickJournal journal = TickJournal.open(properties.journalDir());
        if (journal.epochContinued()) {
            log.info("Tick journal {}: {} ticks of {} symbols; stream epoch {} continues", journal.directory(),
                    journal.size(), journal.lastSeqs().size(), journal.epoch());
        } else if (journal.size() == 0) {
            // An empty new journal (a first start): it held nothing a client could have resumed from.
            log.info("Tick journal {}: new, stream epoch {}", journal.directory(), journal.epoch());
        } else {
            log.warn("Tick journal {}: new stream epoch {} ({}); clients resuming from before it get complete:false"
                    + " and a snapshot", journal.directory(), journal.epoch(), journal.continuity());
        }
        return journal;
    }

    @Bean(destroyMethod = "close")
    JournalFlusher journalFlusher(TickhubProperties properties, Clock clock, TickJournal journal) {
        return JournalFlusher.every(properties.journal().flushInterval(), properties.journal().retention(), clock, journal);
    }

    /**
     * The epoch clients resume within. On one node, the journal's: it changes when the journal cannot
     * prove continuity. On Kafka, the quotes topic's, the same on every gateway: the topic is the
     * cluster's history, and each ingest node continues seqs after it whatever its own journal holds.
     */
    @Bean
    StreamEpoch streamEpoch(TickhubProperties properties, TickJournal journal) {
        return properties.bus().type() == BusProperties.Type.KAFKA
                ? KafkaStreamEpoch.of(properties.bus().kafka().settings())
                : journal.epoch();
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new MicrometerIngestMetrics(registry);
    }

    /**
     * Numbering, book and bars continue from the store before the first quote is accepted; on
     * Kafka an ingest node also reads what is published but not yet stored, so no seq is given
     * twice while the workers lag. Ingest stops before the bar closer, whose last act is to store
     * the open bars of a drained hub.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    @DependsOn("barCloser")
    IngestPipeline ingestPipeline(TickhubProperties properties, Clock clock, QuoteBus bus, IngestMetrics metrics,
                                  Store store, Book book, BarAggregator bars, FeedBoard feeds, TickJournal journal,
                                  ObjectProvider<SymbolOwnership> ownership, ObjectProvider<OwnerHandOff> handOff) {
        LongAdder refused = new LongAdder();
        // The failover gate first: it keeps hearing every feed, so a symbol this node takes over
        // starts with its feeds' freshness known. Ownership only on Kafka (IngestOwnershipWiring), with the
        // hand-off of the quotes it refuses to the node that sequences their symbol.
        SymbolOwnership owned = ownership.getIfAvailable();
        Sequencer sequencer = new Sequencer(clock, bus, metrics, owned == null ? feeds : feeds.then(owned), journal, e -> {
            refused.increment();
            if (Long.bitCount(refused.sum()) == 1) { // the 1st, 2nd, 4th, 8th... : a full disk must not flood the log
                log.error("The tick journal refused a quote ({} so far); it was not published", refused.sum(), e);
            }
        }, handOff.getIfAvailable(() -> OwnerHandOff.NONE));
        if (!(store instanceof JournalTickStore) && !properties.bus().storedByWorkers()) {
            long replayed = JournalReplay.intoStore(journal, store);
            log.info("Wrote {} journaled ticks the {} store did not have yet", replayed, store.vendor());
        }
        StoreRecovery.Restored restored = StoreRecovery.restore(store, sequencer, book, bars,
                progress -> log.info("Restoring from the {} store: {} of {} symbols, {} quotes so far", store.vendor(),
                        progress.symbols(), progress.of(), progress.quotes()));
        // The journal knows every seq this node published, also those the store has not caught up on.
        journal.lastSeqs().forEach(sequencer::resumeAfter);
        log.info("Restored from the {} store in {} ms: {} symbols, {} quotes into the book ({} ms), {} bars, {} ticks"
                + " folded into them again", store.vendor(), restored.millis(), restored.symbols(), restored.quotes(),
                restored.bookMillis(), restored.bars(), restored.refolded());
        if (properties.bus().type() == BusProperties.Type.KAFKA && properties.nodeRoles().has(Roles.Role.INGEST)) {
            Map<String, Quote> tail = KafkaTail.newestUnstored(properties.bus().kafka().settings(), Duration.ofSeconds(60));
            tail.values().forEach(q -> {
                if (q.seq() > sequencer.lastSeq(q.symbol())) {
                    sequencer.resumeAfter(q.symbol(), q.seq());
                    book.apply(q); // the simulator continues from the newest price, not the stored one
                }
            });
            log.info("Continued {} symbols from the unstored tail of {}", tail.size(), properties.bus().kafka().topic());
        }
        return new IngestPipeline(sequencer, properties.ingest().ringSize(),
                e -> log.error("Ingest could not handle a quote", e));
    }

    // --- bus and what listens to it -------------------------------------------------------------

    /**
     * In-process by default, Kafka when {@code tickhub.bus.type=kafka}. The book hears every quote
     * before the fan-out does: a snapshot read from it is never behind a delta.
     */
    @Bean(destroyMethod = "close")
    QuoteBus quoteBus(TickhubProperties properties, Book book, FanOut fanOut, BarAggregator bars, StoreWriter storeWriter,
                      Store store,
                      ObjectProvider<RedisClient> redis, ObjectProvider<RedisLatestCache> latestCache,
                      ObjectProvider<PriceEventsPublisher> priceEvents, VitalThreads vitalThreads) {
        BiConsumer<QuoteListener, RuntimeException> onFailure = (listener, e) -> log.error("Bus listener {} failed", listener, e);
        QuoteBus bus = switch (properties.bus().type()) {
            case IN_PROCESS -> new InProcessBus(onFailure);
            case KAFKA -> properties.nodeRoles().has(Roles.Role.GATEWAY)
                    ? KafkaQuoteBus.startedAndReady(properties.bus().kafka().settings(), onFailure, vitalThreads)
                    : KafkaQuoteBus.publishOnly(properties.bus().kafka().settings());
            case REDIS -> new RedisQuoteBus(redis.getObject(), properties.bus().redis().channel(), onFailure, vitalThreads);
        };
        bus.subscribe(book::apply);
        bus.subscribe(fanOut);
        bus.subscribe(bars);
        if (!properties.bus().storedByWorkers()) { // else WorkerWiring does these
            if (!(store instanceof JournalTickStore)) { // else the sequencer's journal append stored them
                bus.subscribe(storeWriter);
            }
            latestCache.ifAvailable(bus::subscribe);
            priceEvents.ifAvailable(bus::subscribe);
        }
        return bus;
    }

    /** Where a bus or worker consumer thread that stops unasked is reported: logs, /health, liveness. */
    @Bean
    VitalThreads vitalThreads(ApplicationEventPublisher events) {
        return new VitalThreads(events);
    }

    /** System B's {@code price-events} topic, when {@code tickhub.bus.kafka.price-events.enabled}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "tickhub.bus.kafka.price-events.enabled", havingValue = "true")
    PriceEventsPublisher priceEventsPublisher(TickhubProperties properties) {
        BusProperties.Kafka kafka = properties.bus().kafka();
        return new PriceEventsPublisher(kafka.settings(), kafka.priceEvents().topic());
    }

    /** System A and B's shared latest-price cache in Redis, when {@code tickhub.cache.type=redis}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "tickhub.cache.type", havingValue = "redis")
    RedisLatestCache redisLatestCache(TickhubProperties properties, RedisClient redis) {
        return new RedisLatestCache(redis, properties.cache().ttl(), properties.redis().commandTimeout());
    }

    /** Created only when something asks for it (the Redis bus, the Redis cache); connects lazily. */
    @Bean(destroyMethod = "shutdown")
    @Lazy
    RedisClient redisClient(TickhubProperties properties) {
        return RedisClients.create(properties.redis().url(), properties.redis().commandTimeout());
    }

    @Bean
    Book book(TickhubProperties properties) {
        return new Book(properties.historySize());
    }

    /** Staleness of every symbol: the feed board's for those jobs feed, silence for the rest. */
    @Bean
    SymbolFreshness symbolFreshness(TickhubProperties properties, Book book, FeedBoard feeds, Clock clock) {
        return new SymbolFreshness(book, feeds, clock, properties.book().staleAfter(), properties.book().retireAfter());
    }

    @Bean(destroyMethod = "close")
    SymbolRetirement symbolRetirement(SymbolFreshness freshness) {
        return SymbolRetirement.start(freshness);
    }

    // --- analytics: bars from the quote stream, to the stream -------------------------------------

    @Bean
    BarAggregator barAggregator(TickhubProperties properties, Clock clock, MeterRegistry registry) {
        BarAggregator aggregator = new BarAggregator(properties.bars().zone(), properties.bars().settings(), clock);
        FunctionCounter.builder("tickhub.bars.late", aggregator, BarAggregator::lateCount)
                .description("Ticks that came after their bar had closed (revised it or were refused)").register(registry);
        FunctionCounter.builder("tickhub.bars.late.refused", aggregator, BarAggregator::refusedCount)
                .description("Late ticks a bar refused (drop, or older than the revisable bars)").register(registry);
        FunctionCounter.builder("tickhub.bars.revised", aggregator, BarAggregator::revisionCount)
                .description("Closed bars a late tick revised and published again").register(registry);
        FunctionCounter.builder("tickhub.bars.repeats", aggregator, BarAggregator::repeatCount)
                .description("Quotes heard again (seq not above the last folded in): they changed no bar").register(registry);
        return aggregator;
    }

    @Bean
    BarFanOut barFanOut(BarAggregator aggregator) {
        BarFanOut fanOut = new BarFanOut(aggregator);
        aggregator.subscribe(fanOut);
        return fanOut;
    }

    /** On Kafka these bars are the stream's only: the workers' own aggregators store theirs. */
    @Bean(initMethod = "start", destroyMethod = "close")
    BarCloser barCloser(BarAggregator aggregator, Clock clock, StoreWriter storeWriter, TickhubProperties properties) {
        Consumer<List<Bar>> checkpoint = properties.bus().storedByWorkers() ? bars -> { } : storeWriter::checkpoint;
        return new BarCloser(aggregator, clock, checkpoint, properties.store().barCheckpoint());
    }

    // --- store: everything accepted, batched to H2 or PostgreSQL -----------------------------------

    /**
     * The database is Spring's {@code DataSource} (Hikari), its schema Flyway's, migrated before this
     * runs. On the embedded H2 (by default) ticks are read from the journal and the database keeps the
     * rest: storing a tick then costs nothing beyond the journal append.
     */
    @Bean
    @DependsOnDatabaseInitialization
    Store store(DataSource dataSource, TickJournal journal, TickhubProperties properties) {
        JdbcStore sql = JdbcStore.on(dataSource);
        // On a shared bus (Kafka, Redis) a journal holds only the seqs its own node issued, while the
        // store must hold every node's: there the store writer (or the Kafka workers) write ticks.
        boolean ticksInJournal = properties.bus().type() == BusProperties.Type.IN_PROCESS
                && properties.journal().ticksInJournal(sql.vendor());
        return ticksInJournal ? new JournalTickStore(journal, sql) : sql;
    }

    /** What the history routes read: the store, joined to the book and the open bars it has not written yet. */
    @Bean
    MarketHistory marketHistory(Book book, Store store, BarAggregator bars) {
        return new MarketHistory(book, store, bars);
    }

    /**
     * Closed bars and news reach the store through the writer; quotes through the bus. On Kafka,
     * quotes and bars come from the worker (WorkerWiring); news and raw payloads from ingest (a
     * gateway's news comes from the news topic and is stored already).
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    StoreWriter storeWriter(Store store, TickhubProperties properties, Clock clock, BarAggregator bars,
                            NewsWire news) {
        StoreWriter writer = new StoreWriter(store, properties.store().writer(), clock);
        if (!properties.bus().storedByWorkers()) {
            bars.subscribe(writer);
        }
        if (properties.nodeRoles().has(Roles.Role.INGEST)) {
            news.subscribe(writer);
        }
        return writer;
    }

    // --- fan-out to streaming clients -------------------------------------------------------------

    /** SSE ids carry the stream epoch, so the encoder takes it (the stream context reads it from here). */
    @Bean
    MarketEncoder marketEncoder(InstrumentRegistry instruments, io.tickhub.core.journal.StreamEpoch epoch) {
        return new MarketEncoder(instruments, epoch);
    }

    /**
     * A symbol a client subscribes to is subscribed on the upstream stream (system D). Resolved on the
     * first subscription, not now: the stream feeds ingest, which publishes to this fan-out.
     */
    @Bean
    FanOut fanOut(Book book, MarketEncoder encoder, ObjectProvider<ProviderRegistry> providers,
                  TickhubProperties properties) {
        return new FanOut(book, encoder, new StreamInterest(() -> providers.getObject().streaming(ProviderCatalog.FINNHUB_STREAM)),
                properties.stream().coalesceWindow());
    }

    // --- news: sources → wire → streaming clients ---------------------------------------------------

    @Bean
    NewsWire newsWire(TickhubProperties properties) {
        return new NewsWire(properties.news().recentSize());
    }

    @Bean
    NewsFanOut newsFanOut(NewsWire wire) {
        NewsFanOut fanOut = new NewsFanOut(wire);
        wire.subscribe(fanOut);
        return fanOut;
    }

    @Bean
    JournalMetricsBinder journalMetrics(TickJournal journal) {
        return new JournalMetricsBinder(journal);
    }

    @Bean
    StoreMetricsBinder storeMetrics(StoreWriter writer) {
        return new StoreMetricsBinder(writer);
    }

    @Bean
    HubMetricsBinder hubMetrics(Book book, IngestPipeline ingest, QuoteBus bus) {
        return new HubMetricsBinder(book, ingest, bus);
    }
}
