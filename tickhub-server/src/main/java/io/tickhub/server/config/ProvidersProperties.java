package io.tickhub.server.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The real-data providers ({@code tickhub.providers.*}). Each has its own upstream address (tests
 * point them at local fakes), timeout and request budget. A provider that needs a key and has none
 * is disabled on its own; the hub starts anyway. Keys never appear in {@link #toString} or logs.
 *
 * @param yahoo        Yahoo Finance's chart API ({@code yfinance}); no key
 * @param alphaVantage Alpha Vantage's {@code GLOBAL_QUOTE} ({@code alpha_vantage}); key {@code ALPHA_VANTAGE_API_KEY}
 * @param finnhub      Finnhub: REST quotes ({@code finnhub}), the trade stream ({@code finnhub_stream}) and
 *                     company news; key {@code FINNHUB_API_KEY}
 * @param replay       a CSV played back as a provider ({@code replay}); off without a file
 */
public record ProvidersProperties(
        @DefaultValue @Valid @NotNull Yahoo yahoo,
        @DefaultValue @Valid @NotNull AlphaVantage alphaVantage,
        @DefaultValue @Valid @NotNull Finnhub finnhub,
        @DefaultValue @Valid @NotNull Replay replay) {

    /** {@code permits} requests per {@code period}, spent by jobs and one-off polls alike. */
    static io.tickhub.core.jobs.RequestBudgets.Budget budget(String provider, int permits, Duration period) {
        try {
            return new io.tickhub.core.jobs.RequestBudgets.Budget(permits, period);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tickhub.providers." + provider + ": " + e.getMessage(), e);
        }
    }

    public record Yahoo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("https://query1.finance.yahoo.com") URI baseUrl,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("60") int budgetPermits,
            @DefaultValue("1m") Duration budgetPeriod) {
        public Yahoo {
            ProvidersProperties.budget("yahoo", budgetPermits, budgetPeriod);
        }

        public io.tickhub.core.jobs.RequestBudgets.Budget budget() {
            return ProvidersProperties.budget("yahoo", budgetPermits, budgetPeriod);
        }
    }

    /** Alpha Vantage's free tier allows 5 requests a minute (and 25 a day); the budget defaults to the former. */
    public record AlphaVantage(
            String apiKey,
            @DefaultValue("https://www.alphavantage.co") URI baseUrl,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("5") int budgetPermits,
            @DefaultValue("1m") Duration budgetPeriod) {

        public AlphaVantage {
            ProvidersProperties.budget("alpha-vantage", budgetPermits, budgetPeriod);
        }

        public io.tickhub.core.jobs.RequestBudgets.Budget budget() {
            return ProvidersProperties.budget("alpha-vantage", budgetPermits, budgetPeriod);
        }

        public boolean hasKey() {
            return apiKey != null && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "AlphaVantage[apiKey=" + (hasKey() ? "***" : "none") + ", baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * @param streamSymbols  symbols the stream always subscribes to (clients and jobs add more)
     * @param streamInterval how often a streamed symbol is expected to trade, for staleness
     * @param newsSymbols    symbols whose company news is polled; empty for none
     * @param maxStreamSymbols symbols streamed at once, {@code streamSymbols} included (the free plan's 50);
     *                         a client asking for one more is told {@code upstream_limit}
     * @param streamLinger     how long a symbol no client or job wants stays subscribed upstream before
     *                         it is unsubscribed (0: at once)
     * @param streamMessagesPerSecond subscribe/unsubscribe messages sent upstream per second after a
     *                         burst of {@code maxStreamSymbols}
     */
    public record Finnhub(
            String apiKey,
            @DefaultValue("https://finnhub.io/api/v1") URI baseUrl,
            @DefaultValue("wss://ws.finnhub.io") URI streamUrl,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("60") int budgetPermits,
            @DefaultValue("1m") Duration budgetPeriod,
            @DefaultValue("true") boolean streamEnabled,
            @DefaultValue List<String> streamSymbols,
            @DefaultValue("1m") Duration streamInterval,
            @DefaultValue("1s") Duration reconnectInitial,
            @DefaultValue("60s") Duration reconnectMax,
            @DefaultValue("90s") Duration idleTimeout,
            @DefaultValue List<String> newsSymbols,
            @DefaultValue("5m") Duration newsInterval,
            @DefaultValue("2") @Min(1) @Max(30) int newsLookbackDays,
            @DefaultValue("50") @Min(1) @Max(100_000) int maxStreamSymbols,
            @DefaultValue("30s") @NotNull Duration streamLinger,
            @DefaultValue("5") @Min(1) @Max(10_000) int streamMessagesPerSecond) {

        public Finnhub {
            ProvidersProperties.budget("finnhub", budgetPermits, budgetPeriod);
            if (streamLinger != null && streamLinger.isNegative()) {
                throw new IllegalArgumentException("tickhub.providers.finnhub.stream-linger must not be negative, was "
                        + streamLinger);
            }
            long always = streamSymbols == null ? 0
                    : streamSymbols.stream().map(s -> s.strip().toUpperCase(java.util.Locale.ROOT)).distinct().count();
            if (always > maxStreamSymbols) {
                throw new IllegalArgumentException("tickhub.providers.finnhub.stream-symbols lists " + always
                        + " symbols, more than tickhub.providers.finnhub.max-stream-symbols (" + maxStreamSymbols + ")");
            }
        }

        /** The stream's cap, linger and message rate. */
        public io.tickhub.core.provider.UpstreamLimits upstreamLimits() {
            return new io.tickhub.core.provider.UpstreamLimits(maxStreamSymbols, streamLinger, streamMessagesPerSecond);
        }

        public io.tickhub.core.jobs.RequestBudgets.Budget budget() {
            return ProvidersProperties.budget("finnhub", budgetPermits, budgetPeriod);
        }

        public boolean hasKey() {
            return apiKey != null && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "Finnhub[apiKey=" + (hasKey() ? "***" : "none") + ", baseUrl=" + baseUrl + ", streamUrl="
                    + streamUrl + "]";
        }
    }

    /**
     * @param file   CSV of {@code timestamp,symbol,price[,volume,bid,ask]}; none: replay is off
     * @param speed  1 plays in real time, 10 ten times faster, 0 as fast as possible
     * @param loop   start again at the end, times shifted forward
     * @param rebase play the first row "now" (provider times shifted), so bars and charts look live
     */
    public record Replay(
            Path file,
            @DefaultValue("1") double speed,
            @DefaultValue("false") boolean loop,
            @DefaultValue("true") boolean rebase) {
        public Replay {
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("tickhub.providers.replay.speed must be >= 0 (0: as fast as possible), was "
                        + speed);
            }
        }
    }
}
