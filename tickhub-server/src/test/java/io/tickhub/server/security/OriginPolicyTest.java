package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.server.config.TickhubProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The allow-list and the same-origin rule, compared as browsers send {@code Origin}. */
class OriginPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "http://localhost:3000, http://localhost:3000",
            "http://localhost:3000/, http://localhost:3000",
            "HTTP://LocalHost:3000, http://localhost:3000",
            "http://example.com:80, http://example.com",
            "https://example.com:443/, https://example.com",
            "https://example.com:8443, https://example.com:8443",
            "http://example.com:443, http://example.com:443",
            "'  http://[::1]:8080  ', http://[::1]:8080"})
    void originsAreNormalisedToTheFormBrowsersSend(String configured, String normalised) {
        assertThat(OriginPolicy.normalise(configured)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:3000", "http://", "ftp://example.com", "http://example.com/app",
            "http://example.com?x=1", "http://user@example.com", "http://example.com/#top", "null", "\"http://a.com\""})
    void whatIsNotAnOriginIsRefusedWithTheEntryNamed(String entry) {
        assertThatThrownBy(() -> OriginPolicy.of(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
    }

    @Test
    void aListedOriginMatchesHoweverTheListOrTheBrowserSpellsIt() {
        OriginPolicy policy = OriginPolicy.of(List.of("http://LOCALHOST:3000/", " https://app.example.com:443 ", ""));
        assertThat(policy.corsOrigins()).containsExactly("http://localhost:3000", "https://app.example.com");
        assertThat(policy.isListed("http://localhost:3000")).isTrue();
        assertThat(policy.isListed("https://app.example.com")).isTrue();
        assertThat(policy.isListed("http://localhost:3001")).isFalse();
        assertThat(policy.isListed("https://localhost:3000")).isFalse();
        assertThat(policy.isListed("http://app.example.com")).isFalse();
        assertThat(policy.isListed("null")).isFalse();
        assertThat(policy.isListed("garbage")).isFalse();
        assertThat(policy.allows("http://evil.example", "hub.internal:8080")).isFalse();
    }

    @Test
    void starAllowsEveryOriginEvenNull() {
        OriginPolicy policy = OriginPolicy.of(List.of("*"));
        assertThat(policy.anyOrigin()).isTrue();
        assertThat(policy.corsOrigins()).containsExactly("*");
        assertThat(policy.allows("http://evil.example", "127.0.0.1:8080")).isTrue();
        assertThat(policy.allows("null", "127.0.0.1:8080")).isTrue();
    }

    @Test
    void withNoListOnlyTheHubsOwnPagesAreAllowed() {
        OriginPolicy policy = OriginPolicy.of(List.of());
        assertThat(policy.isEmpty()).isTrue();
        assertThat(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(policy.allows("http://localhost:8080", "LOCALHOST:8080")).isTrue();
        assertThat(policy.allows("http://[::1]:8080", "[::1]:8080")).isTrue();
        assertThat(policy.allows("http://localhost:3000", "localhost:8080")).as("another port").isFalse();
        assertThat(policy.allows("http://localhost:8080", "127.0.0.1:8080")).as("another name").isFalse();
        assertThat(policy.allows("http://evil.example", "127.0.0.1:8080")).isFalse();
        assertThat(policy.allows("null", "127.0.0.1:8080")).isFalse();
        assertThat(policy.allows("http://127.0.0.1:8080", null)).as("no Host").isFalse();
    }

    @Test
    void sameOriginComparesHostAndPortWithDefaultPortsAndIgnoresTheScheme() {
        assertThat(OriginPolicy.isSameOrigin("http://hub.example", "hub.example:80")).isTrue();
        assertThat(OriginPolicy.isSameOrigin("https://hub.example", "hub.example")).as("TLS ended at a proxy").isTrue();
        assertThat(OriginPolicy.isSameOrigin("https://hub.example", "hub.example:443")).isTrue();
        assertThat(OriginPolicy.isSameOrigin("https://hub.example", "hub.example:80")).isFalse();
        assertThat(OriginPolicy.isSameOrigin("http://hub.example", "hub.example.evil.example")).isFalse();
        assertThat(OriginPolicy.isSameOrigin("http://hub.example", "evil.example@hub.example")).isFalse();
        assertThat(OriginPolicy.isSameOrigin("http://hub.example", "hub.example/path")).isFalse();
        assertThat(OriginPolicy.isSameOrigin("http://hub.example/page", "hub.example")).as("not an origin").isFalse();
    }

    @Test
    void aBadEntryStopsTheHubNamingTheSetting() {
        TickhubProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("tickhub.http.cors-origins", "http://localhost:3000,localhost:5173")))
                .bindOrCreate("tickhub", TickhubProperties.class);
        assertThatThrownBy(() -> new BrowserProtectionWiring().originPolicy(properties))
                .hasMessageStartingWith("tickhub.http.cors-origins: 'localhost:5173' is not an origin");
    }
}
