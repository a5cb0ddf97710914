package io.tickhub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.provider.UpstreamLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The Finnhub stream's upstream limits: safe defaults, and a bad value stops start-up naming the setting. */
class UpstreamSettingsValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TickhubProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void theDefaultsAreFinnhubsFreePlan() {
        runner.run(context -> assertThat(context.getBean(TickhubProperties.class).providers().finnhub().upstreamLimits())
                .isEqualTo(UpstreamLimits.FINNHUB_FREE_PLAN)
                .isEqualTo(new UpstreamLimits(50, Duration.ofSeconds(30), 5)));
    }

    @Test
    void moreAlwaysStreamedSymbolsThanTheCapAreRefused() {
        assertFailsNaming(new String[] {"tickhub.providers.finnhub.max-stream-symbols=2",
                        "tickhub.providers.finnhub.stream-symbols=AAPL,msft,TSLA,aapl "},
                "tickhub.providers.finnhub.stream-symbols lists 3 symbols, more than tickhub.providers.finnhub.max-stream-symbols (2)");
    }

    @Test
    void asManyAlwaysStreamedSymbolsAsTheCapStart() {
        runner.withPropertyValues("tickhub.providers.finnhub.max-stream-symbols=2",
                        "tickhub.providers.finnhub.stream-symbols=AAPL,MSFT")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aCapBelowOneANegativeLingerAndARateBelowOneAreRefused() {
        assertFailsNaming(new String[] {"tickhub.providers.finnhub.max-stream-symbols=0"}, "maxStreamSymbols");
        assertFailsNaming(new String[] {"tickhub.providers.finnhub.stream-linger=-1s"},
                "tickhub.providers.finnhub.stream-linger must not be negative");
        assertFailsNaming(new String[] {"tickhub.providers.finnhub.stream-messages-per-second=0"}, "streamMessagesPerSecond");
    }

    private void assertFailsNaming(String[] settings, String expected) {
        runner.withPropertyValues(settings).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(expected);
        });
    }
}
