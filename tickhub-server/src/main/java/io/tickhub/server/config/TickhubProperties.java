package io.tickhub.server.config;

import io.tickhub.core.analytics.BarSettings;
import io.tickhub.core.book.Book;
import io.tickhub.core.sim.PriceModel;
import io.tickhub.core.sim.SimulatorSettings;
import io.tickhub.core.store.StoreWriterSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every Tickhub setting, one validated tree under {@code tickhub.*}. Bound and checked at
 * start-up: a bad value stops the hub with a message naming the setting. The legacy variable
 * names of the five systems Tickhub replaces are mapped onto this tree by
 * {@link LegacyEnvironmentVariables}. Each setting is listed in {@code docs/configuration.md}.
 *
 * @param roles       what this node does: {@code all}, or any of {@code ingest}, {@code worker}, {@code gateway} (see {@link Roles})
 * @param historySize per-symbol history kept in memory (system E's {@code MAX_HISTORY_SIZE})
 * @param ingest      the ingest pipeline
 * @param simulator   the built-in simulated market
 * @param stream      streaming connections (WebSocket, SSE)
 * @param news        the news feed
 * @param bars        OHLCV bars
 * @param store       the store writer (the database itself is {@code spring.datasource.*})
 * @param http        HTTP concerns shared by every endpoint
 * @param providers   real-data providers: Yahoo, Alpha Vantage, Finnhub, replay
 * @param jobs        polling jobs
 * @param failover    provider priority per symbol and staleness
 * @param journal     the tick journal: every accepted update, kept before it is published
 * @param dataDir     where the embedded state lives, whichever way the hub is started: the tick journal
 *                    ({@code journal/}, unless {@code tickhub.journal.dir} says otherwise) and the H2 store
 *                    ({@code tickhub.mv.db}, through {@code spring.datasource.url} in application.yml);
 *                    relative to the working directory
 * @param book        when symbols no source feeds any more turn stale and are retired
 */
@Validated
@ConfigurationProperties("tickhub")
public record TickhubProperties(
        @DefaultValue("all") List<String> roles,
        @DefaultValue("" + Book.DEFAULT_HISTORY_SIZE) @Min(1) @Max(1_000_000) int historySize,
        @DefaultValue @Valid @NotNull Ingest ingest,
        @DefaultValue @Valid @NotNull Simulator simulator,
        @DefaultValue @Valid @NotNull Stream stream,
        @DefaultValue @Valid @NotNull News news,
        @DefaultValue @Valid @NotNull Bars bars,
        @DefaultValue @Valid @NotNull StoreSettings store,
        @DefaultValue @Valid @NotNull Http http,
        @DefaultValue @Valid @NotNull ProvidersProperties providers,
        @DefaultValue @Valid @NotNull JobsProperties jobs,
        @DefaultValue @Valid @NotNull FailoverProperties failover,
        @DefaultValue @Valid @NotNull BusProperties bus,
        @DefaultValue @Valid @NotNull RedisProperties redis,
        @DefaultValue @Valid @NotNull CacheProperties cache,
        @DefaultValue @Valid @NotNull JournalProperties journal,
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @Valid @NotNull BookSettings book) {

    public TickhubProperties {
        Roles parsed = Roles.parse(roles);
        if (!parsed.isAll() && bus.type() != BusProperties.Type.KAFKA) {
            throw new IllegalArgumentException("tickhub.roles=" + parsed + " needs tickhub.bus.type=kafka: roles other than"
                    + " all share quotes, the worker's progress and the ingest's seqs through Kafka");
        }
        if (bus.type() != BusProperties.Type.IN_PROCESS && journal.tickStore() == JournalProperties.TickStore.JOURNAL) {
            throw new IllegalArgumentException("tickhub.journal.tick-store=journal needs the in-process bus: on a shared"
                    + " bus a node's journal holds only the ticks it sequenced, the database every node's");
        }
    }

    /** The tick journal's directory: {@code tickhub.journal.dir}, else {@code journal} in the data directory. */
    public Path journalDir() {
        return journal.dir() != null ? journal.dir() : dataDir.resolve("journal");
    }

    /**
     * Symbols no job feeds (simulated, replayed, streamed, or only restored from the store) by how
     * long they have been silent.
     *
     * @param staleAfter  silent this long: stale ({@code /health} {@code stale_symbols}, {@code stale} in
     *                    quote views); symbols jobs feed go by their feeds' intervals instead
     * @param retireAfter silent this long: dropped from the book and the symbol lists; {@code 0} never
     */
    public record BookSettings(@DefaultValue("5m") Duration staleAfter, @DefaultValue("24h") Duration retireAfter) {

        public BookSettings {
            if (!staleAfter.isPositive()) {
                throw new IllegalArgumentException("tickhub.book.stale-after must be > 0, was " + staleAfter);
            }
            if (retireAfter.isNegative() || (!retireAfter.isZero() && retireAfter.compareTo(staleAfter) < 0)) {
                throw new IllegalArgumentException("tickhub.book.retire-after must be 0 (never) or at least"
                        + " tickhub.book.stale-after (" + staleAfter + "), was " + retireAfter);
            }
        }
    }

    /** {@link #roles} parsed (checked at start-up, so this does not throw). */
    public Roles nodeRoles() {
        return Roles.parse(roles);
    }

    /**
     * @param ringSize quotes that may wait for the sequencer before providers are slowed down;
     *                 a power of two
     */
    public record Ingest(@DefaultValue("65536") @Min(64) @Max(1 << 24) int ringSize) {
        public Ingest {
            if (Integer.bitCount(ringSize) != 1) {
                throw new IllegalArgumentException("tickhub.ingest.ring-size must be a power of two, was " + ringSize);
            }
        }
    }

    /**
     * The simulated market; see {@link SimulatorSettings} for each field's meaning.
     *
     * @param enabled      whether the simulator runs
     * @param pacing       {@code spread} (default) or {@code burst}: how each interval's updates are laid out in time
     * @param newsInterval a synthetic headline about a simulated symbol this often; 0 for none
     * @param followSessions tick only while NYSE's pre, regular and post sessions are open (default: around the clock)
     */
    public record Simulator(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10") @Min(0) @Max(100_000) int tickerCount,
            @DefaultValue({"AAPL", "MSFT", "GOOGL", "AMZN", "NVDA"}) List<String> symbols,
            @DefaultValue("1s") Duration interval,
            @DefaultValue("1.0") double changeRange,
            @DefaultValue("50") double initialPriceMin,
            @DefaultValue("200") double initialPriceMax,
            @DefaultValue("gbm") PriceModel model,
            @DefaultValue("0.25") double volatility,
            @DefaultValue("0") double drift,
            @DefaultValue("5") double spreadBps,
            Long seed,
            @DefaultValue("spread") Pacing pacing,
            @DefaultValue("30s") Duration newsInterval,
            @DefaultValue("false") boolean followSessions) {

        public Simulator {
            if (newsInterval.isNegative()) {
                throw new IllegalArgumentException("tickhub.simulator.news-interval must be >= 0, was " + newsInterval);
            }
            if (enabled) {
                toSettings(tickerCount, symbols, interval, changeRange, initialPriceMin, initialPriceMax, model,
                        volatility, drift, spreadBps, seed, followSessions);
            }
        }

        /** How a tick's updates are laid out in time. */
        public enum Pacing {
            /** Every symbol once per interval, in slices spread evenly over it. */
            SPREAD,
            /** Every symbol at the same instant once per interval (system E's original behaviour). */
            BURST
        }

        public SimulatorSettings settings() {
            return toSettings(tickerCount, symbols, interval, changeRange, initialPriceMin, initialPriceMax, model,
                    volatility, drift, spreadBps, seed, followSessions);
        }

        private static SimulatorSettings toSettings(int tickerCount, List<String> symbols, Duration interval,
                double changeRange, double min, double max, PriceModel model, double volatility, double drift,
                double spreadBps, Long seed, boolean followSessions) {
            try {
                List<String> cleaned = symbols == null ? List.of()
                        : symbols.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
                return new SimulatorSettings(tickerCount, cleaned, interval, changeRange, min, max, model,
                        volatility, drift, spreadBps, seed, followSessions);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tickhub.simulator: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Limits of every streaming connection (docs/protocol.md).
     *
     * @param bufferMessages        messages that may wait for a client before it is conflated
     * @param slowConsumerTimeout   how long a client may stay conflated before it is closed with 4008
     * @param heartbeatInterval     idle time before a {@code heartbeat} and a ping; no pong for two closes it
     * @param maxSymbols            symbols in one list: a system A watchlist
     * @param maxSubscriptions      subscriptions per connection over every channel (symbols x channels,
     *                              {@code *} one per channel); past it {@code too_many_subscriptions}
     * @param maxHubSubscriptions   subscriptions over every connection of the hub; past it
     *                              {@code hub_subscriptions_full}
     * @param maxMessagesPerSecond  client messages per second; past it {@code rate_limited}, then 4029
     * @param maxFrameBytes         largest client frame; larger ones close the connection with 1009
     * @param allowWildcard         whether native clients may subscribe to {@code "*"} (every symbol)
     * @param closeTimeout          how long a close the hub starts may take (the close frame or SSE close event
     *                              going out) before the socket is closed hard
     * @param outboundBudget        bytes the hub may hold for stream clients over all connections (docs/operations.md, Limits)
     * @param writeBufferLow        a stream channel's Netty low-water mark: its writer resumes below it
     * @param writeBufferHigh       a stream channel's Netty high-water mark: its writer stops above it
     * @param socketSendBuffer      a stream socket's kernel send buffer ({@code SO_SNDBUF}); 0: the kernel's
     *                              autotuning (up to {@code net.ipv4.tcp_wmem}'s maximum per socket)
     * @param coalesceWindow        how long market data may wait for more to go out in the same write (0: none)
     * @param warmUpConnections     loopback sessions opened through the stream path at start-up, before the hub
     *                              reports ready, so the first clients meet compiled code (0: no warm-up at all)
     * @param warmUpHeldSessions    of those, sessions then held open on ten live symbols each for {@code warmUpHold},
     *                              so the fan-out's write path is compiled under load before clients come (0: none)
     * @param warmUpHold            how long the held sessions stay (0: none)
     * @param directUpgrade         whether a plain {@code /ws} upgrade is taken by Netty directly rather than through
     *                              WebFlux (the same checks, a fraction of the work and memory per connection)
     */
    public record Stream(
            @DefaultValue("1024") @Min(16) @Max(1 << 20) int bufferMessages,
            @DefaultValue("10s") Duration slowConsumerTimeout,
            @DefaultValue("15s") Duration heartbeatInterval,
            @DefaultValue("1000") @Min(1) @Max(100_000) int maxSymbols,
            @DefaultValue("50") @Min(1) @Max(100_000) int maxMessagesPerSecond,
            @DefaultValue("65536") @Min(1024) @Max(16 << 20) int maxFrameBytes,
            @DefaultValue("true") boolean allowWildcard,
            @DefaultValue("10000") @Min(0) @Max(1_000_000) int resumeFromStore,
            @DefaultValue("1000") @Min(1) @Max(100_000) int maxSubscriptions,
            @DefaultValue("500000") @Min(1) @Max(100_000_000) int maxHubSubscriptions,
            @DefaultValue("2s") Duration closeTimeout,
            @DefaultValue("256MB") DataSize outboundBudget,
            @DefaultValue("32KB") DataSize writeBufferLow,
            @DefaultValue("64KB") DataSize writeBufferHigh,
            @DefaultValue("256KB") DataSize socketSendBuffer,
            @DefaultValue("1ms") Duration coalesceWindow,
            @DefaultValue("400") @Min(0) @Max(10_000) int warmUpConnections,
            @DefaultValue("100") @Min(0) @Max(10_000) int warmUpHeldSessions,
            @DefaultValue("5s") Duration warmUpHold,
            @DefaultValue("true") boolean directUpgrade) {

        public Stream {
            if (coalesceWindow.isNegative() || coalesceWindow.compareTo(Duration.ofMillis(100)) > 0) {
                throw new IllegalArgumentException("tickhub.stream.coalesce-window must be in [0, 100ms], was "
                        + coalesceWindow);
            }
            settings(bufferMessages, slowConsumerTimeout, heartbeatInterval, maxSymbols);
            if (warmUpHold.isNegative() || warmUpHold.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("tickhub.stream.warm-up-hold must be in [0, 1m], was " + warmUpHold);
            }
            if (closeTimeout.isNegative() || closeTimeout.isZero() || closeTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("tickhub.stream.close-timeout must be in (0, 1m], was " + closeTimeout);
            }
            if (outboundBudget.toBytes() < (1 << 20)) {
                throw new IllegalArgumentException("tickhub.stream.outbound-budget must be >= 1MB, was " + outboundBudget);
            }
            if (writeBufferLow.toBytes() < 1024 || writeBufferHigh.toBytes() <= writeBufferLow.toBytes()
                    || writeBufferHigh.toBytes() > (16 << 20)) {
                throw new IllegalArgumentException("tickhub.stream: write-buffer-low must be >= 1KB and below "
                        + "write-buffer-high, which must be <= 16MB; were " + writeBufferLow + " and " + writeBufferHigh);
            }
            if (socketSendBuffer.toBytes() != 0
                    && (socketSendBuffer.toBytes() < 4096 || socketSendBuffer.toBytes() > (64 << 20))) {
                throw new IllegalArgumentException("tickhub.stream.socket-send-buffer must be 0 (the kernel's "
                        + "autotuning) or in [4KB, 64MB], was " + socketSendBuffer);
            }
        }

        public io.tickhub.core.fanout.StreamSettings settings() {
            return settings(bufferMessages, slowConsumerTimeout, heartbeatInterval, maxSymbols);
        }

        private static io.tickhub.core.fanout.StreamSettings settings(int buffer, Duration slow, Duration heartbeat,
                                                                      int maxSymbols) {
            try {
                return new io.tickhub.core.fanout.StreamSettings(buffer, slow, heartbeat, maxSymbols);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tickhub.stream: " + e.getMessage(), e);
            }
        }
    }

    /** @param recentSize news items kept in memory for snapshots ({@code /ws/news}) and {@code GET /api/v1/news} */
    public record News(@DefaultValue("200") @Min(1) @Max(100_000) int recentSize) {
    }

    /**
     * @param dailyZone       time zone whose midnight starts a daily bar (the exchange's), e.g. {@code America/New_York}
     * @param allowedLateness how far a symbol's event time must pass a bar's end before the bar closes,
     *                        and how long a symbol must be quiet before the wall clock closes it instead
     * @param lateTicks       what a tick does whose bar has closed: {@code revise} it or {@code drop} (counted)
     * @param revisableBars   closed bars per symbol and interval a late tick can still revise
     */
    public record Bars(@DefaultValue("America/New_York") String dailyZone,
                       @DefaultValue("5s") Duration allowedLateness,
                       @DefaultValue("revise") BarSettings.LateTicks lateTicks,
                       @DefaultValue("8") @Min(1) @Max(100_000) int revisableBars) {
        public Bars {
            try {
                java.time.ZoneId.of(dailyZone);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("tickhub.bars.daily-zone: not a time zone: " + dailyZone, e);
            }
            if (allowedLateness.isNegative()) {
                throw new IllegalArgumentException("tickhub.bars.allowed-lateness must be >= 0, was " + allowedLateness);
            }
        }

        public java.time.ZoneId zone() {
            return java.time.ZoneId.of(dailyZone);
        }

        public BarSettings settings() {
            return new BarSettings(allowedLateness, lateTicks, revisableBars);
        }
    }

    /**
     * The store writer; see {@link StoreWriterSettings} for the batching and retry fields.
     *
     * @param averageWindows      moving-average windows kept in {@code symbol_averages} (system B's was 5)
     * @param barCheckpoint       how often open bars (1m and longer) are stored, so a crash loses at most this
     *                            much of them; a graceful shutdown stores them all
     * @param maxQueryWindow      largest window the moving-average and indicator routes read from the store
     */
    public record StoreSettings(
            @DefaultValue("262144") @Min(1024) @Max(1 << 26) int queueCapacity,
            @DefaultValue("10000") @Min(1) @Max(1_000_000) int batchSize,
            @DefaultValue("100ms") Duration retryInitial,
            @DefaultValue("30s") Duration retryMax,
            @DefaultValue("10s") Duration shutdownTimeout,
            @DefaultValue("5") List<Integer> averageWindows,
            @DefaultValue("10s") Duration barCheckpoint,
            @DefaultValue("10000") @Min(2) @Max(1_000_000) int maxQueryWindow) {

        public StoreSettings {
            writerSettings(queueCapacity, batchSize, retryInitial, retryMax, shutdownTimeout, averageWindows);
            if (barCheckpoint.isNegative() || barCheckpoint.isZero()) {
                throw new IllegalArgumentException("tickhub.store.bar-checkpoint must be > 0, was " + barCheckpoint);
            }
        }

        public StoreWriterSettings writer() {
            return writerSettings(queueCapacity, batchSize, retryInitial, retryMax, shutdownTimeout, averageWindows);
        }

        private static StoreWriterSettings writerSettings(int capacity, int batchSize, Duration retryInitial,
                Duration retryMax, Duration shutdownTimeout, List<Integer> windows) {
            try {
                return new StoreWriterSettings(capacity, batchSize, retryInitial, retryMax, shutdownTimeout,
                        windows.stream().mapToInt(Integer::intValue).toArray());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tickhub.store: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param corsOrigins browser origins, besides the hub's own pages, allowed to call the API, open WebSockets and
     *                    SSE streams and change state (CORS, the WebSocket Origin check, the cross-site check:
     *                    io.tickhub.server.security.OriginPolicy); {@code *} = any; empty = the hub's own pages only
     */
    public record Http(@DefaultValue List<String> corsOrigins) {
    }
}
