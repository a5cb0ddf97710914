package io.tickhub.server.provider;

import io.tickhub.core.failover.FeedBoard;
import io.tickhub.core.ingest.QuoteSink;
import io.tickhub.core.provider.NewsSource;
import io.tickhub.core.provider.ProviderKind;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.StreamingProvider;
import io.tickhub.core.sim.SimulatedMarket;
import io.tickhub.core.store.RawPayload;
import io.tickhub.server.config.ProvidersProperties;
import io.tickhub.core.quote.Symbols;
import io.tickhub.server.provider.alphavantage.AlphaVantageQuoteProvider;
import io.tickhub.server.provider.alphavantage.AlphaVantageSettings;
import io.tickhub.server.provider.finnhub.FinnhubNews;
import io.tickhub.server.provider.finnhub.FinnhubQuotes;
import io.tickhub.server.provider.finnhub.FinnhubRestSettings;
import io.tickhub.server.provider.finnhub.FinnhubStream;
import io.tickhub.server.provider.http.UpstreamHttp;
import io.tickhub.server.provider.yahoo.YahooChartProvider;
import io.tickhub.server.provider.yahoo.YahooChartSettings;
import io.tickhub.server.provider.finnhub.FinnhubStreamSettings;
import io.tickhub.server.provider.replay.ReplayProvider;
import io.tickhub.server.provider.replay.ReplaySettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every provider the configuration asks for, built and registered: adding a provider is one class
 * and one line in {@link #registerAll}. A provider whose key is missing is registered as disabled,
 * with the reason, and the rest run. Starts what runs on its own (streams, replay) and stops it.
 */
public final class ProviderCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderCatalog.class);

    /** The stream that clients' subscriptions follow (system D). */
    public static final String FINNHUB_STREAM = FinnhubStream.NAME;

    /** Reaching an upstream's door; each provider's own timeout bounds the whole request. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final String FINNHUB_NO_KEY = "no API key (set FINNHUB_API_KEY or tickhub.providers.finnhub.api-key)";
    static final String ALPHA_VANTAGE_NO_KEY =
            "no API key (set ALPHA_VANTAGE_API_KEY or tickhub.providers.alpha-vantage.api-key)";

    /** What providers are built with. */
    public record Context(ProvidersProperties properties, boolean simulatorEnabled, ProviderStatusBoard status,
                          QuoteSink quotes, Consumer<RawPayload> payloads, FeedBoard feeds, Clock clock) {
    }

    private final Context context;
    private final ProviderRegistry registry;
    private final List<NewsSource> newsSources = new ArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Runnable> starters = new ArrayList<>();
    private final UpstreamHttp http;

    public ProviderCatalog(Context context) {
        this.context = context;
        this.registry = new ProviderRegistry(context.status());
        this.http = new UpstreamHttp(CONNECT_TIMEOUT, context.clock());
        registerAll();
    }

    private void registerAll() {
        ProvidersProperties p = context.properties();
        if (context.simulatorEnabled()) {
            registry.registerSource(SimulatedMarket.PROVIDER);
        }
        if (p.yahoo().enabled()) {
            registry.register(new YahooChartProvider(new YahooChartSettings(p.yahoo().baseUrl(), p.yahoo().timeout()),
                    http));
        } else {
            disable(YahooChartProvider.NAME, ProviderKind.POLLING, "switched off (tickhub.providers.yahoo.enabled=false)");
        }
        ProvidersProperties.AlphaVantage av = p.alphaVantage();
        if (av.hasKey()) {
            registry.register(new AlphaVantageQuoteProvider(new AlphaVantageSettings(av.baseUrl(), av.apiKey(),
                    av.timeout()), http));
        } else {
            disable(AlphaVantageQuoteProvider.NAME, ProviderKind.POLLING, ALPHA_VANTAGE_NO_KEY);
        }
        ProvidersProperties.Finnhub finnhub = p.finnhub();
        if (finnhub.hasKey()) {
            FinnhubRestSettings rest = new FinnhubRestSettings(finnhub.baseUrl(), finnhub.apiKey(), finnhub.timeout());
            registry.register(new FinnhubQuotes(rest, http));
            if (!finnhub.newsSymbols().isEmpty()) {
                newsSources.add(new FinnhubNews(rest, http));
            }
        } else {
            disable(FinnhubQuotes.NAME, ProviderKind.POLLING, FINNHUB_NO_KEY);
        }
        if (!finnhub.streamEnabled()) {
            disable(FinnhubStream.NAME, ProviderKind.STREAMING, "switched off (tickhub.providers.finnhub.stream-enabled=false)");
        } else if (!finnhub.hasKey()) {
            disable(FinnhubStream.NAME, ProviderKind.STREAMING, FINNHUB_NO_KEY);
        } else {
            keepRunning(new FinnhubStream(new FinnhubStreamSettings(finnhub.streamUrl(), finnhub.apiKey(),
                    finnhub.reconnectInitial(), finnhub.reconnectMax(), finnhub.idleTimeout(), finnhub.upstreamLimits()),
                    context.quotes(),
                    context.payloads(), context.status(), context.clock()), finnhub.streamSymbols(),
                    finnhub.streamInterval());
        }
        if (p.replay().file() != null) {
            ReplayProvider replay = new ReplayProvider(new ReplaySettings(p.replay().file(), p.replay().speed(),
                    p.replay().loop(), p.replay().rebase()), context.quotes(), context.status(), context.clock());
            registry.registerSource(ReplayProvider.NAME);
            running.add(replay);
            starters.add(replay::start);
        }
    }

    /** Starts the streams and sources; the stream's configured symbols are subscribed and expected. */
    public void start() {
        starters.forEach(Runnable::run);
    }

    public ProviderRegistry registry() {
        return registry;
    }

    /** Sources of company news to poll. */
    public List<NewsSource> newsSources() {
        return List.copyOf(newsSources);
    }

    private void disable(String name, ProviderKind kind, String reason) {
        registry.disable(name, kind, reason);
        log.warn("Provider {} disabled: {}", name, reason);
    }

    /** A stream always subscribed to {@code symbols}, each expected to trade at least every {@code interval}. */
    private void keepRunning(StreamingProvider stream, List<String> symbols, Duration interval) {
        registry.register(stream);
        running.add(stream);
        starters.add(() -> {
            stream.start();
            for (String raw : symbols) {
                String symbol = Symbols.normalize(raw);
                stream.subscribe(symbol);
                context.feeds().expect(symbol, stream.name(), interval);
            }
        });
    }

    @Override
    public void close() {
        http.close();
        for (AutoCloseable c : running.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Provider {} did not close cleanly", c, e);
            }
        }
    }
}
