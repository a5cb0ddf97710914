package io.tickhub.server.http.compat;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.FanOutStats;
import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatus;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.SchedulerState;
import io.tickhub.core.store.Store;
import io.tickhub.core.store.StoreWriter;
import io.tickhub.server.health.VitalThreads;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.provider.ProviderCatalog;
import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.failover.FeedStatus;
import io.tickhub.core.failover.SymbolFreshness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Service status: system D's {@code GET /} and the one {@code /health} that C, D and E clients read. */
@RestController
@Tag(name = "Status", description = "Service status for the clients of systems C, D and E")
public class StatusController {

    static final String SERVICE = "tickhub";
    /** A database that does not answer a ping this fast counts as unreachable for health. */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Book book;
    private final ProviderStatusBoard providers;
    private final ObjectProvider<FanOutStats> fanOut;
    private final ObjectProvider<SchedulerState> schedulers;
    private final Store store;
    private final StoreWriter storeWriter;
    private final FeedBoard feeds;
    private final SymbolFreshness freshness;
    private final VitalThreads vitalThreads;
    private final Clock clock;
    private final Instant startedAt;
    private final String version;

    public StatusController(Book book, ProviderStatusBoard providers, ObjectProvider<FanOutStats> fanOut,
                            ObjectProvider<SchedulerState> schedulers, ObjectProvider<BuildProperties> build,
                            Store store, StoreWriter storeWriter, FeedBoard feeds, SymbolFreshness freshness, VitalThreads vitalThreads,
                            Clock clock) {
        this.feeds = feeds;
        this.freshness = freshness;
        this.vitalThreads = vitalThreads;
        this.store = store;
        this.storeWriter = storeWriter;
        this.book = book;
        this.providers = providers;
        this.fanOut = fanOut;
        this.schedulers = schedulers;
        this.clock = clock;
        this.startedAt = clock.instant();
        BuildProperties buildProperties = build.getIfAvailable();
        this.version = buildProperties != null ? buildProperties.getVersion() : "dev";
    }

    /**
     * JSON whatever the Accept header says, as system D's FastAPI answered; only a browser's explicit
     * {@code text/html} gets the dashboard instead (DashboardRoutes), hence {@code Vary: Accept}.
     */
    @GetMapping("/")
    @Operation(operationId = "getServiceStatus", summary = "Service status (system D)",
            description = "`status` is always `online` while the process serves requests. A browser (an Accept "
                    + "header naming `text/html`) gets the dashboard page instead.")
    public ResponseEntity<ServiceStatus> root() {
        FanOutStats stats = fanOut.getIfAvailable();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .body(new ServiceStatus("online", SERVICE, version, finnhubConnected(),
                        stats == null ? 0 : stats.connections(), stats == null ? 0 : stats.subscriptions()));
    }

    @GetMapping("/health")
    @Operation(operationId = "getHealth", summary = "Health (systems C, D, E)",
            description = "`status` is `healthy` when every enabled provider is up (or idle: a polling provider no job names), the "
                    + "database answers, no symbol is stale and no bus consumer thread has stopped (`stopped_threads`), "
                    + "`degraded` otherwise (the hub still serves what it has). Always HTTP 200 "
                    + "while the process is up; orchestrators should probe `/actuator/health/liveness` and `readiness`.")
    public Mono<HealthReport> health() {
        return Blocking.call(() -> {
                    store.ping();
                    return true;
                })
                .timeout(PING_TIMEOUT, Mono.just(false))
                .onErrorReturn(false)
                .map(this::report);
    }

    private HealthReport report(boolean databaseReachable) {
        FanOutStats stats = fanOut.getIfAvailable();
        DatabaseHealth database = DatabaseHealth.of(store.vendor(), databaseReachable, storeWriter.status());
        List<FeedStatus> fed = feeds.statuses();
        List<String> stale = freshness.staleSymbols();
        Map<String, String> failedOver = new TreeMap<>();
        fed.stream().filter(f -> f.failedOver() && !f.stale()).forEach(f -> failedOver.put(f.symbol(), f.serving()));
        Map<String, String> stoppedThreads = vitalThreads.stopped();
        SortedSet<String> subscribed = stats == null ? Collections.emptySortedSet() : new TreeSet<>(stats.subscribedSymbols());
        return new HealthReport(
                providers.allEnabledUp() && database.up() && stale.isEmpty() && stoppedThreads.isEmpty() ? "healthy" : "degraded",
                schedulers.stream().anyMatch(SchedulerState::isRunning),
                finnhubConnected() ? "connected" : "disconnected",
                stats == null ? 0 : stats.connections(),
                // D counted symbols (its map of symbol to clients), not subscriptions per connection.
                subscribed.size(),
                subscribed,
                book.size(),
                providers.all().stream().map(ProviderView::of).toList(),
                database,
                stale,
                failedOver,
                stoppedThreads,
                Duration.between(startedAt, clock.instant()).toSeconds(),
                version);
    }

    private boolean finnhubConnected() {
        return providers.get(ProviderCatalog.FINNHUB_STREAM).map(ProviderStatus::state).orElse(ProviderState.DISABLED) == ProviderState.UP;
    }
}
