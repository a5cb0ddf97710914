package io.tickhub.server.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.WriteBufferWaterMark;
import io.tickhub.core.book.Book;
import io.tickhub.core.failover.SymbolFreshness;
import io.tickhub.core.fanout.BarFanOut;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.FanOutMetrics;
import io.tickhub.core.fanout.MarketEncoder;
import io.tickhub.core.fanout.NewsFanOut;
import io.tickhub.core.fanout.SessionLimits;
import io.tickhub.core.fanout.StaleAnnouncements;
import io.tickhub.core.fanout.StoredResume;
import io.tickhub.core.fanout.StreamContext;
import io.tickhub.core.fanout.SubjectAccounts;
import io.tickhub.core.fanout.SubscriptionBudget;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.store.Store;
import io.tickhub.server.config.TickhubProperties;
import io.tickhub.server.metrics.MicrometerFanOutMetrics;
import io.tickhub.server.security.AccessPolicy;
import io.tickhub.server.security.AuditLog;
import io.tickhub.server.security.LiveGrants;
import io.tickhub.server.security.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.ObjectMapper;

/** The streaming endpoints and their housekeeping. */
@Configuration(proxyBeanMethods = false)
public class StreamConfig {

    static String version(ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        return info != null ? info.getVersion() : "dev";
    }

    @Bean
    SubscriptionBudget subscriptionBudget(TickhubProperties properties) {
        return new SubscriptionBudget(properties.stream().maxHubSubscriptions());
    }

    @Bean
    FanOutMetrics fanOutMetrics(MeterRegistry registry, FanOut fanOut, NewsFanOut news, BarFanOut bars,
                                SubscriptionBudget subscriptions) {
        Gauge.builder("tickhub.stream.connections", fanOut, FanOut::connections)
                .description("Open streaming connections").register(registry);
        Gauge.builder("tickhub.stream.subscriptions", fanOut, FanOut::subscriptions)
                .description("Quote subscriptions over all connections ('*' counts one)").register(registry);
        Gauge.builder("tickhub.stream.news.subscriptions", news, NewsFanOut::subscriptions)
                .description("News subscriptions over all connections").register(registry);
        Gauge.builder("tickhub.stream.bar.subscriptions", bars, BarFanOut::subscriptions)
                .description("Bar subscriptions over all connections and intervals").register(registry);
        Gauge.builder("tickhub.stream.channel.subscriptions", subscriptions, SubscriptionBudget::total)
                .description("Subscriptions over every connection and channel: what tickhub.stream.max-hub-subscriptions bounds")
                .register(registry);
        return new MicrometerFanOutMetrics(registry);
    }

    @Bean
    StreamContext streamContext(Book book, Clock clock, TickhubProperties properties, FanOutMetrics metrics,
                                MarketEncoder encoder, SubscriptionBudget subscriptions) {
        return new StreamContext(book, clock, properties.stream().settings(), metrics, encoder, subscriptions);
    }

    /** Runs once the server listens and before readiness: see {@link StreamWarmUp}. */
    @Bean
    StreamWarmUp streamWarmUp(TickhubProperties properties, Book book, SecurityProperties security,
                              org.springframework.core.env.Environment environment) {
        var stream = properties.stream();
        return new StreamWarmUp(stream.warmUpConnections(),
                new HeldWarmUp(stream.warmUpHeldSessions(), stream.warmUpHold(), book), book, security,
                () -> environment.getProperty("local.server.port", Integer.class));
    }

    @Bean
    SessionLimits sessionLimits(TickhubProperties properties) {
        var stream = properties.stream();
        return new SessionLimits(stream.maxSubscriptions(), stream.maxMessagesPerSecond(), stream.allowWildcard());
    }

    /**
     * A resume older than the book's ring reads the missing stretch from the store, up to
     * {@code tickhub.stream.resume-from-store} quotes per symbol (0: the ring only), on Reactor's
     * pool for blocking calls. A store that fails makes the resume {@code complete:false}, as before.
     */
    @Bean
    StoredResume storedResume(TickhubProperties properties, Book book, Store store) {
        int max = properties.stream().resumeFromStore();
        if (max == 0) {
            return StoredResume.NONE;
        }
        Scheduler blocking = Schedulers.boundedElastic();
        return new StoredResume(book, store, blocking::schedule, max);
    }

    /** Closes the hub starts end within {@code tickhub.stream.close-timeout}, or the socket is closed hard. */
    @Bean
    ClosingChannels closingChannels(Clock clock, TickhubProperties properties, MeterRegistry registry) {
        return new ClosingChannels(clock, properties.stream().closeTimeout(), registry);
    }

    /** {@code tickhub.stream.outbound-budget}: the bytes held for stream clients over all connections. */
    @Bean
    OutboundBudget outboundBudget(TickhubProperties properties, MeterRegistry registry) {
        return new OutboundBudget(properties.stream().outboundBudget().toBytes(), registry);
    }

    /** What each subject (key, JWT subject, address) holds over its streaming connections. */
    @Bean
    SubjectAccounts subjectAccounts() {
        return new SubjectAccounts();
    }

    /** Each stream's credential: revocation, the auth action and timeout, expiry, per-key limits. */
    @Bean
    StreamGrants streamGrants(LiveGrants live, SubjectAccounts accounts, AccessPolicy policy, Clock clock,
                              SecurityProperties security, AuditLog audit) {
        return new StreamGrants(live, accounts, policy, clock, security.authTimeout(), security.expiryWarning(), audit);
    }

    @Bean
    StreamConnections streamConnections(FanOut fanOut, NewsFanOut news, BarFanOut bars, StreamContext context,
                                        StoredResume storedResume, OutboundBudget budget, ClosingChannels closing,
                                        TickhubProperties properties, StreamGrants grants) {
        var stream = properties.stream();
        return new StreamConnections(fanOut, news, bars, context, storedResume, budget, closing,
                new SocketBuffers(new WriteBufferWaterMark((int) stream.writeBufferLow().toBytes(),
                        (int) stream.writeBufferHigh().toBytes()), (int) stream.socketSendBuffer().toBytes()),
                grants);
    }

    @Bean
    NativeStreamHandler nativeStreamHandler(StreamConnections connections, TickhubProperties properties,
                                            ObjectMapper json, SessionLimits limits,
                                            ObjectProvider<BuildProperties> build) {
        return new NativeStreamHandler(connections, json, version(build), limits, properties.stream().maxFrameBytes());
    }

    /** {@code /ws} upgrades taken by Netty directly, unless {@code tickhub.stream.direct-upgrade=false}: see {@link DirectUpgrades}. */
    @Bean
    org.springframework.boot.reactor.netty.NettyServerCustomizer directUpgrades(
            TickhubProperties properties, AccessPolicy policy, io.tickhub.server.security.RestLimits limits,
            io.tickhub.server.security.OriginPolicy origins,
            StreamAdmission admission, NativeStreamHandler nativeHandler, ClosingChannels closing, MeterRegistry registry,
            ObjectMapper json) {
        if (!properties.stream().directUpgrade()) {
            return server -> server;
        }
        return new DirectUpgrades(policy, limits, origins, admission, nativeHandler, closing, registry,
                properties.stream().maxFrameBytes(), json);
    }

    @Bean
    PriceSystemStreamHandler priceSystemStreamHandler(StreamConnections connections, Book book,
                                                      InstrumentRegistry instruments) {
        return new PriceSystemStreamHandler(connections, book, instruments);
    }

    @Bean
    TickerHubStreamHandler tickerHubStreamHandler(StreamConnections connections, ObjectMapper json) {
        return new TickerHubStreamHandler(connections, json);
    }

    @Bean
    NewsStreamHandler newsStreamHandler(StreamConnections connections) {
        return new NewsStreamHandler(connections);
    }

    @Bean
    HandlerMapping streamHandlerMapping(NativeStreamHandler nativeHandler, PriceSystemStreamHandler priceSystem,
                                       TickerHubStreamHandler tickerHub, NewsStreamHandler news) {
        // Ahead of the annotated controllers, so /ws paths are never taken for REST routes. Literal
        // paths win over the pattern: /ws/prices and /ws/news are system A's, not tickers of system E.
        return new SimpleUrlHandlerMapping(Map.of(
                "/ws", nativeHandler,
                "/ws/prices", tickerHub,
                "/ws/news", news,
                "/ws/{ticker_id}", priceSystem), -1);
    }

    @Bean
    StreamLifecycle streamLifecycle(FanOut fanOut, ClosingChannels closing, OutboundBudget budget,
                                    SymbolFreshness freshness, Book book) {
        return new StreamLifecycle(fanOut, closing, budget, Duration.ofSeconds(5),
                new StaleAnnouncements(freshness, book, fanOut));
    }
}
