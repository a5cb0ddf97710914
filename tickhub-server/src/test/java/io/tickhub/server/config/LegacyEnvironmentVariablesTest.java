package io.tickhub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.sim.PriceModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The five systems' variable names configure Tickhub, and explicit {@code tickhub.*} settings win. */
class LegacyEnvironmentVariablesTest {

    @Test
    void systemEVariablesConfigureTheSimulatorWithSecondsConvertedToDurations() {
        TickhubProperties props = bind(Map.of(
                "TICKER_COUNT", "500",
                "PRICE_UPDATE_INTERVAL", "0.05",
                "PRICE_CHANGE_RANGE", "2.5",
                "INITIAL_PRICE_MIN", "10",
                "INITIAL_PRICE_MAX", "20",
                "MAX_HISTORY_SIZE", "200"), Map.of());

        assertThat(props.simulator().tickerCount()).isEqualTo(500);
        assertThat(props.simulator().interval()).isEqualTo(Duration.ofMillis(50));
        assertThat(props.simulator().changeRange()).isEqualTo(2.5);
        assertThat(props.simulator().initialPriceMin()).isEqualTo(10);
        assertThat(props.simulator().initialPriceMax()).isEqualTo(20);
        assertThat(props.historySize()).isEqualTo(200);
        assertThat(props.simulator().model()).isEqualTo(PriceModel.RANDOM_WALK);
    }

    @Test
    void anyOfSystemEsPriceVariablesSelectsItsRandomWalkAndWithoutThemTheDefaultIsGbm() {
        assertThat(bind(Map.of("PRICE_CHANGE_RANGE", "1.0"), Map.of()).simulator().model()).isEqualTo(PriceModel.RANDOM_WALK);
        assertThat(bind(Map.of("TICKER_COUNT", "10"), Map.of()).simulator().model()).isEqualTo(PriceModel.RANDOM_WALK);
        assertThat(bind(Map.of("TICKERS", "AAPL"), Map.of()).simulator().model()).isEqualTo(PriceModel.GBM);
        assertThat(bind(Map.of(), Map.of()).simulator().model()).isEqualTo(PriceModel.GBM);
        assertThat(bind(Map.of(), Map.of()).simulator().volatility()).isEqualTo(0.25);
    }

    @Test
    void systemATickersBecomeTheSimulatedSymbols() {
        TickhubProperties props = bind(Map.of("TICKERS", "aapl, TSLA ,msft"), Map.of());
        assertThat(props.simulator().settings().symbols()).containsExactly("aapl", "TSLA", "msft");
    }

    @Test
    void systemEsVariablesAloneSimulateExactlyTickerCountTickersAndNoNamedSymbols() {
        // E's docker-compose: TICKER_COUNT=10 and no TICKERS; E's app expects exactly those ten.
        SimulatorSettingsView sim = new SimulatorSettingsView(bind(Map.of("TICKER_COUNT", "10"), Map.of()));
        assertThat(sim.tickerCount()).isEqualTo(10);
        assertThat(sim.symbols()).isEmpty();
        // Any of E's simulator variables stands for E, not only TICKER_COUNT.
        assertThat(new SimulatorSettingsView(bind(Map.of("PRICE_UPDATE_INTERVAL", "0.5"), Map.of())).symbols()).isEmpty();
    }

    @Test
    void systemAsTickersAloneSimulateOnlyThoseSymbols() {
        SimulatorSettingsView sim = new SimulatorSettingsView(bind(Map.of("TICKERS", "AAPL,MSFT"), Map.of()));
        assertThat(sim.tickerCount()).isZero();
        assertThat(sim.symbols()).containsExactly("AAPL", "MSFT");
    }

    @Test
    void bothSystemsListsAreSimulatedWhenBothAreGiven() {
        SimulatorSettingsView sim = new SimulatorSettingsView(bind(Map.of("TICKERS", "AAPL", "TICKER_COUNT", "3"), Map.of()));
        assertThat(sim.tickerCount()).isEqualTo(3);
        assertThat(sim.symbols()).containsExactly("AAPL");
    }

    @Test
    void anExplicitSymbolsSettingWinsOverTheListTheLegacyVariablesImply() {
        SimulatorSettingsView sim = new SimulatorSettingsView(bind(
                Map.of("TICKER_COUNT", "10", "TICKHUB_SIMULATOR_SYMBOLS", "IBM"), Map.of()));
        assertThat(sim.symbols()).containsExactly("IBM");
    }

    @Test
    void withoutLegacyVariablesTheHubSimulatesBothLists() {
        SimulatorSettingsView sim = new SimulatorSettingsView(bind(Map.of(), Map.of()));
        assertThat(sim.tickerCount()).isEqualTo(10);
        assertThat(sim.symbols()).containsExactly("AAPL", "MSFT", "GOOGL", "AMZN", "NVDA");
    }

    /** The simulator's two lists as bound, blanks dropped as the simulator drops them. */
    private record SimulatorSettingsView(int tickerCount, List<String> symbols) {
        SimulatorSettingsView(TickhubProperties props) {
            this(props.simulator().tickerCount(), props.simulator().symbols() == null ? List.of()
                    : props.simulator().symbols().stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
    }

    @Test
    void systemsAAndBsRedisVariablesConfigureTheRedisServerAndTheCacheTtl() {
        TickhubProperties props = bind(Map.of("REDIS_URL", "redis://cache.internal:6380/2", "REDIS_TTL", "45"), Map.of());
        assertThat(props.redis().url()).isEqualTo("redis://cache.internal:6380/2");
        assertThat(props.cache().ttl()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void systemECorsOriginsJsonListBecomesTheOriginList() {
        TickhubProperties props = bind(Map.of("CORS_ORIGINS", "[\"http://localhost:3000\", \"https://app.example.com\"]"),
                Map.of());
        assertThat(props.http().corsOrigins()).containsExactly("http://localhost:3000", "https://app.example.com");
    }

    @Test
    void corsOriginsAlsoTakesACommaListOrOneOrigin() {
        assertThat(bind(Map.of("CORS_ORIGINS", "http://localhost:3000, http://localhost:5173"), Map.of())
                .http().corsOrigins()).containsExactly("http://localhost:3000", "http://localhost:5173");
        assertThat(bind(Map.of("CORS_ORIGINS", "http://localhost:3000"), Map.of()).http().corsOrigins())
                .containsExactly("http://localhost:3000");
        assertThat(bind(Map.of("CORS_ORIGINS", "[]"), Map.of()).http().corsOrigins()).isEmpty();
    }

    @Test
    void aCorsOriginsListThatIsNotJsonPassesUnchangedToBeReportedAgainstTheProperty() {
        assertThat(LegacyEnvironmentVariables.originList("[http://localhost:3000]")).isEqualTo("[http://localhost:3000]");
    }

    @Test
    void systemDFrontendUrlAddsItsOriginToTheList() {
        assertThat(bind(Map.of("FRONTEND_URL", "http://localhost:5173/app/"), Map.of()).http().corsOrigins())
                .containsExactly("http://localhost:5173");
        assertThat(bind(Map.of("FRONTEND_URL", "https://dash.example.com",
                "CORS_ORIGINS", "[\"http://localhost:3000\"]"), Map.of()).http().corsOrigins())
                .containsExactly("http://localhost:3000", "https://dash.example.com");
    }

    @Test
    void anExplicitCorsOriginsSettingWinsOverBothLegacyVariables() {
        TickhubProperties props = bind(Map.of("FRONTEND_URL", "http://localhost:5173", "CORS_ORIGINS", "http://a:1",
                "TICKHUB_HTTP_CORSORIGINS", "https://hub.example.com"), Map.of());
        assertThat(props.http().corsOrigins()).containsExactly("https://hub.example.com");
    }

    @Test
    void explicitTickhubSettingWinsOverLegacyVariable() {
        TickhubProperties props = bind(Map.of("TICKER_COUNT", "500", "TICKHUB_SIMULATOR_TICKERCOUNT", "7"), Map.of());
        assertThat(props.simulator().tickerCount()).isEqualTo(7);
    }

    @Test
    void legacyVariableWinsOverPackagedDefaults() {
        TickhubProperties props = bind(Map.of("TICKER_COUNT", "3"), Map.of("tickhub.simulator.ticker-count", "10"));
        assertThat(props.simulator().tickerCount()).isEqualTo(3);
    }

    @Test
    void secondsBecomeMillisecondsOrMicroseconds() {
        assertThat(LegacyEnvironmentVariables.secondsToDuration("1.0")).isEqualTo("1000ms");
        assertThat(LegacyEnvironmentVariables.secondsToDuration("2")).isEqualTo("2000ms");
        assertThat(LegacyEnvironmentVariables.secondsToDuration("0.0005")).isEqualTo("500us");
        assertThat(LegacyEnvironmentVariables.secondsToDuration("soon")).isEqualTo("soon");
    }

    @Test
    void blankVariablesAreIgnored() {
        assertThat(LegacyEnvironmentVariables.translate(Map.of("TICKER_COUNT", " ")::get)).isEmpty();
    }

    @Test
    void defaultsMatchSystemE() {
        TickhubProperties props = bind(Map.of(), Map.of());
        assertThat(props.historySize()).isEqualTo(1000);
        assertThat(props.simulator().tickerCount()).isEqualTo(10);
        assertThat(props.simulator().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(props.simulator().changeRange()).isEqualTo(1.0);
        assertThat(props.simulator().initialPriceMin()).isEqualTo(50);
        assertThat(props.simulator().initialPriceMax()).isEqualTo(200);
        // E's model comes with E's variables (see anyOfSystemEsPriceVariablesSelectsItsRandomWalk...); GBM otherwise.
        assertThat(props.simulator().model()).isEqualTo(PriceModel.GBM);
        assertThat(props.http().corsOrigins()).isEqualTo(List.of());
    }

    /** Binds the properties the way the application does, from a fake OS environment and packaged defaults. */
    private static TickhubProperties bind(Map<String, Object> osEnvironment, Map<String, Object> packaged) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(osEnvironment)));
        environment.getPropertySources().addLast(new MapPropertySource("packaged", new HashMap<>(packaged)));
        new LegacyEnvironmentVariables().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment).bindOrCreate("tickhub", TickhubProperties.class);
    }
}
