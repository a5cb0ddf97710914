package io.tickhub.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.failover.FeedStatus;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.jobs.JobLeases;
import io.tickhub.core.jobs.Poller;
import io.tickhub.core.jobs.PollingJobs;
import io.tickhub.core.jobs.RequestBudgets;
import io.tickhub.core.news.NewsPoller;
import io.tickhub.core.news.NewsWire;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.server.metrics.ProviderMetricsBinder;
import io.tickhub.server.provider.PollingScheduler;
import io.tickhub.server.provider.ProviderCatalog;
import io.tickhub.server.provider.alphavantage.AlphaVantageQuoteProvider;
import io.tickhub.server.provider.finnhub.FinnhubQuotes;
import io.tickhub.server.provider.yahoo.YahooChartProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider side, in the order data moves: providers (catalog) → polling jobs (poller, on the
 * scheduler's ticks) → ingest, with the feed board deciding which provider serves each symbol.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderWiring {

    private static final Logger log = LoggerFactory.getLogger(ProviderWiring.class);

    /**
     * Providers feed ingest and hand raw payloads to the store writer; streams start once ingest
     * runs, on an ingest node only (the others know the providers, to check jobs, but run none).
     */
    @Bean(destroyMethod = "close")
    ProviderCatalog providerCatalog(TickhubProperties properties, ProviderStatusBoard status, IngestPipeline ingest,
                                    StoreWriter storeWriter, FeedBoard feeds, Clock clock) {
        ProviderCatalog catalog = new ProviderCatalog(new ProviderCatalog.Context(properties.providers(),
                properties.simulator().enabled(), status, ingest, storeWriter::submit, feeds, clock));
        if (properties.nodeRoles().has(Roles.Role.INGEST)) {
            catalog.start();
        }
        return catalog;
    }

    @Bean
    ProviderRegistry providerRegistry(ProviderCatalog catalog) {
        return catalog.registry();
    }

    /** Which provider serves each symbol; ingest asks it about every quote of a symbol jobs feed. */
    @Bean
    FeedBoard feedBoard(TickhubProperties properties, Clock clock) {
        return new FeedBoard(properties.failover().policy(), clock, ProviderWiring::logFeedChange);
    }

    private static void logFeedChange(FeedStatus s) {
        if (s.stale()) {
            log.warn("{} is stale: none of {} delivered within its expected interval", s.symbol(),
                    s.feeds().stream().map(FeedStatus.Feed::provider).toList());
        } else if (s.failedOver()) {
            log.warn("{} failed over from {} to {}", s.symbol(), s.preferred(), s.serving());
        } else {
            log.info("{} is served by its preferred provider {} again", s.symbol(), s.serving());
        }
    }

    @Bean
    RequestBudgets requestBudgets(TickhubProperties properties) {
        ProvidersProperties p = properties.providers();
        return new RequestBudgets(Map.of(YahooChartProvider.NAME, p.yahoo().budget(),
                AlphaVantageQuoteProvider.NAME, p.alphaVantage().budget(), FinnhubQuotes.NAME, p.finnhub().budget()));
    }

    /** Polls block on the network: each runs on a virtual thread of its own. */
    @Bean(destroyMethod = "")
    ExecutorService pollFetches() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tickhub-poll-", 0).factory());
    }

    @Bean
    Poller poller(ProviderRegistry registry, IngestPipeline ingest, StoreWriter storeWriter, ProviderStatusBoard status,
                  FeedBoard feeds, RequestBudgets budgets, TickhubProperties properties, Clock clock,
                  ExecutorService pollFetches) {
        JobsProperties jobs = properties.jobs();
        return new Poller(registry, ingest, storeWriter::submit, status, feeds, budgets,
                new Poller.Settings(jobs.backoffMax(), jobs.rateLimitPause()), clock, pollFetches);
    }

    @Bean
    PollingJobs pollingJobs(Store store, ProviderRegistry registry, Poller poller, Clock clock,
                            TickhubProperties properties) {
        SecureRandom random = new SecureRandom();
        JobsProperties jobs = properties.jobs();
        return new PollingJobs(store, registry, poller, clock, () -> {
            byte[] id = new byte[4];
            random.nextBytes(id);
            return "poll_" + HexFormat.of().formatHex(id);
        }, new PollingJobs.Limits(jobs.defaultProvider(), jobs.maxSymbols(), jobs.maxJobs()), !leased(properties));
    }

    /** On Kafka several ingest nodes share the store: each job runs on the one holding its lease. */
    private static boolean leased(TickhubProperties properties) {
        return properties.bus().type() == BusProperties.Type.KAFKA;
    }

    /** Polls run on ingest nodes only; elsewhere jobs are stored, and listed from the store. */
    @Bean(destroyMethod = "close")
    PollingScheduler pollingScheduler(PollingJobs jobs, Poller poller, FeedBoard feeds, ProviderCatalog catalog,
                                      NewsWire wire, ProviderStatusBoard status, Clock clock, Store store,
                                      TickhubProperties properties, ExecutorService pollFetches) {
        ProvidersProperties.Finnhub finnhub = properties.providers().finnhub();
        ZoneId exchange = properties.bars().zone();
        List<NewsPoller> news = catalog.newsSources().stream()
                .map(source -> new NewsPoller(source, finnhub.newsSymbols(), finnhub.newsInterval(),
                        finnhub.newsLookbackDays(), wire, status, clock, exchange, pollFetches))
                .toList();
        JobLeases leases = leased(properties)
                ? new JobLeases(store, poller, properties.jobs().node(), properties.jobs().lease(), clock) : null;
        PollingScheduler scheduler = new PollingScheduler(jobs, leases, poller, feeds, news, properties.jobs().tick(),
                pollFetches);
        if (properties.nodeRoles().has(Roles.Role.INGEST)) {
            scheduler.start();
        }
        return scheduler;
    }

    @Bean
    ProviderMetricsBinder providerMetrics(ProviderRegistry registry, ProviderStatusBoard status, FeedBoard feeds,
                                          Poller poller, MeterRegistry meters) {
        return new ProviderMetricsBinder(registry, status, feeds, poller);
    }
}
