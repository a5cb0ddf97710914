package io.tickhub.server.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts the environment variable names of the five systems Tickhub replaces
 * ({@code TICKER_COUNT}, {@code PRICE_UPDATE_INTERVAL}, {@code TICKERS}, ...) by translating
 * them into {@code tickhub.*} properties, converting units where they differ (system E gave
 * intervals in seconds, Tickhub takes durations).
 *
 * <p>The translated values sit just after the OS environment: an explicit {@code tickhub.*}
 * setting (command line, system property, {@code TICKHUB_*} variable) still wins, and a legacy
 * variable wins over the packaged defaults.
 *
 * <p>Browser origins: system E's {@code CORS_ORIGINS} is a JSON list ({@code ["http://localhost:3000"]}),
 * also taken as a comma list; system D's {@code FRONTEND_URL} (its front-end's URL) adds that URL's origin.
 * Both end up in {@code tickhub.http.cors-origins}.
 *
 * <p>Ticker lists: the simulator carries system E's {@code ITEM_xx} tickers and system A's named symbols. A hub
 * given one system's variables and not the other's list keeps only that system's list, so each system's clients
 * see what their own variables say: E's variables without {@code TICKERS} simulate no named symbols, and
 * {@code TICKERS} without {@code TICKER_COUNT} simulates no {@code ITEM_xx} tickers.
 */
public final class LegacyEnvironmentVariables implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "tickhubLegacyEnvironmentVariables";

    /** A legacy variable and how it becomes a Tickhub property. */
    record Mapping(String variable, String property, UnaryOperator<String> convert) {
    }

    static final List<Mapping> MAPPINGS = List.of(
            new Mapping("TICKER_COUNT", "tickhub.simulator.ticker-count", UnaryOperator.identity()),
            new Mapping("PRICE_UPDATE_INTERVAL", "tickhub.simulator.interval", LegacyEnvironmentVariables::secondsToDuration),
            new Mapping("PRICE_CHANGE_RANGE", "tickhub.simulator.change-range", UnaryOperator.identity()),
            new Mapping("INITIAL_PRICE_MIN", "tickhub.simulator.initial-price-min", UnaryOperator.identity()),
            new Mapping("INITIAL_PRICE_MAX", "tickhub.simulator.initial-price-max", UnaryOperator.identity()),
            new Mapping("MAX_HISTORY_SIZE", "tickhub.history-size", UnaryOperator.identity()),
            new Mapping("TICKERS", "tickhub.simulator.symbols", UnaryOperator.identity()),
            new Mapping("ALPHA_VANTAGE_API_KEY", "tickhub.providers.alpha-vantage.api-key", UnaryOperator.identity()),
            new Mapping("FINNHUB_API_KEY", "tickhub.providers.finnhub.api-key", UnaryOperator.identity()),
            new Mapping("CORS_ORIGINS", "tickhub.http.cors-origins", LegacyEnvironmentVariables::originList),
            new Mapping("REDIS_URL", "tickhub.redis.url", UnaryOperator.identity()),
            new Mapping("REDIS_TTL", "tickhub.cache.ttl", LegacyEnvironmentVariables::secondsToDuration),
            new Mapping("PORT", "server.port", UnaryOperator.identity()));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String envName = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        PropertySource<?> osEnvironment = environment.getPropertySources().get(envName);
        if (osEnvironment == null) {
            return;
        }
        Map<String, Object> translated = translate(osEnvironment::getProperty);
        if (!translated.isEmpty()) {
            environment.getPropertySources().addAfter(envName, new MapPropertySource(SOURCE_NAME, translated));
        }
    }

    /** The {@code tickhub.*} properties that the legacy variables visible through {@code variables} stand for. */
    static Map<String, Object> translate(Function<String, Object> variables) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Mapping mapping : MAPPINGS) {
            Object value = variables.apply(mapping.variable());
            if (value != null && !value.toString().isBlank()) {
                out.put(mapping.property(), mapping.convert().apply(value.toString().trim()));
            }
        }
        // E's clients expect E's walk (a uniform step of at most PRICE_CHANGE_RANGE a tick), not the default GBM.
        if (SYSTEM_E_PRICE_VARIABLES.stream().anyMatch(v -> isSet(variables, v))) {
            out.put(MODEL_PROPERTY, "random-walk");
        }
        if (isSet(variables, "TICKERS") && !isSet(variables, "TICKER_COUNT")) {
            out.put("tickhub.simulator.ticker-count", "0");
        } else if (!isSet(variables, "TICKERS") && SYSTEM_E_SIMULATOR.stream().anyMatch(v -> isSet(variables, v))) {
            out.put("tickhub.simulator.symbols", "");
        }
        Object frontendUrl = variables.apply(FRONTEND_URL);
        if (frontendUrl != null && !frontendUrl.toString().isBlank()) {
            out.merge(CORS_ORIGINS_PROPERTY, frontendOrigin(frontendUrl.toString().trim()),
                    (origins, frontend) -> origins + "," + frontend);
        }
        return out;
    }


    /** System E's variables that shape its simulated prices: any of them selects E's random walk. */
    static final List<String> SYSTEM_E_PRICE_VARIABLES = List.of("TICKER_COUNT", "PRICE_UPDATE_INTERVAL",
            "PRICE_CHANGE_RANGE", "INITIAL_PRICE_MIN", "INITIAL_PRICE_MAX");
    /**
     * System E's variables: any of them, without A's {@code TICKERS}, says the hub stands for E (its ticker list).
     * {@code MAX_HISTORY_SIZE} is E's too, but says nothing about prices.
     */
    static final List<String> SYSTEM_E_SIMULATOR = java.util.stream.Stream.concat(
            SYSTEM_E_PRICE_VARIABLES.stream(), java.util.stream.Stream.of("MAX_HISTORY_SIZE")).toList();

    private static boolean isSet(Function<String, Object> variables, String name) {
        Object value = variables.apply(name);
        return value != null && !value.toString().isBlank();
    }

    static final String FRONTEND_URL = "FRONTEND_URL";
    static final String MODEL_PROPERTY = "tickhub.simulator.model";
    static final String CORS_ORIGINS_PROPERTY = "tickhub.http.cors-origins";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * System E's JSON list {@code ["http://a:3000", "http://b"]} → {@code "http://a:3000,http://b"}, the comma
     * list the property binds from. Anything else (a comma list, one origin, a list that is not JSON) passes
     * unchanged, so that a bad entry is reported against {@code tickhub.http.cors-origins}.
     */
    static String originList(String value) {
        if (!value.startsWith("[")) {
            return value;
        }
        try {
            List<String> origins = JSON.readValue(value, new TypeReference<List<String>>() { });
            List<String> kept = new ArrayList<>();
            for (String origin : origins) {
                if (origin != null && !origin.isBlank()) {
                    kept.add(origin.trim());
                }
            }
            return String.join(",", kept);
        } catch (JacksonException e) {
            return value;
        }
    }

    /**
     * System D's {@code FRONTEND_URL} is a URL, maybe with a path ({@code http://localhost:5173/app/}); the
     * allow-list takes its origin ({@code http://localhost:5173}). A value that is not a URL with a host passes
     * unchanged and is reported against {@code tickhub.http.cors-origins} at start-up.
     */
    static String frontendOrigin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return url;
            }
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /**
     * {@code "1.5"} (seconds, as system E took it) → {@code "1500ms"}; {@code "0.0005"} →
     * {@code "500us"}. A value that is not a number passes through unchanged, so that binding
     * reports it against the Tickhub property.
     */
    static String secondsToDuration(String seconds) {
        try {
            BigDecimal millis = new BigDecimal(seconds).movePointRight(3).stripTrailingZeros();
            if (millis.scale() <= 0) {
                return millis.toPlainString() + "ms";
            }
            return millis.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString() + "us";
        } catch (NumberFormatException e) {
            return seconds;
        }
    }
}
