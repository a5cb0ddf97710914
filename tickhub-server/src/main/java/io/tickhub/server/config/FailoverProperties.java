package io.tickhub.server.config;

import io.tickhub.core.failover.FailoverPolicy;
import io.tickhub.core.quote.Symbols;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which provider serves a symbol that several feed ({@code tickhub.failover.*}).
 *
 * @param priority            providers in order of preference for every symbol
 * @param symbols             per-symbol orders, e.g. {@code tickhub.failover.symbols.AAPL=yfinance,finnhub}
 * @param staleAfterIntervals k: a feed silent for k times its interval is stale and the next one serves
 */
public record FailoverProperties(
        @DefaultValue({"finnhub_stream", "finnhub", "yfinance", "alpha_vantage", "replay", "simulator"})
        List<String> priority,
        @DefaultValue Map<String, List<String>> symbols,
        @DefaultValue("3") @Min(1) @Max(1000) int staleAfterIntervals) {

    public FailoverPolicy policy() {
        Map<String, List<String>> bySymbol = new LinkedHashMap<>();
        symbols.forEach((symbol, order) -> {
            try {
                bySymbol.put(Symbols.normalize(symbol), List.copyOf(order));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("tickhub.failover.symbols: not a symbol: " + symbol, e);
            }
        });
        return new FailoverPolicy(priority, bySymbol, staleAfterIntervals);
    }
}
