package io.tickhub.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code GET /} is the dashboard for a browser and system D's status for everyone else. */
@HubTest
class DashboardRoutesTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Autowired
    WebTestClient http;

    @Test
    void aBrowserNavigationGetsTheDashboardPage() {
        String page = http.get().uri("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.VARY, "Accept")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<main id=\"view\"").contains("<title>Tickhub</title>");
    }

    @Test
    void systemDClientsKeepTheirStatusWhateverWildcardTheySend() {
        for (String accept : new String[] {"*/*", "application/json", "application/json, text/plain, */*",
                "text/html;q=0, */*"}) {
            http.get().uri("/").header(HttpHeaders.ACCEPT, accept).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo("online").jsonPath("$.service").isEqualTo("tickhub");
        }
        http.get().uri("/").exchange() // no Accept at all, as aiohttp sends it
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("online");
    }

    @Test
    void aMalformedAcceptHeaderIsNotAcceptableRatherThanThePage() {
        // A header that names no media type cannot be negotiated; the status says why.
        http.get().uri("/").header(HttpHeaders.ACCEPT, "not a media type").exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }

    @Test
    void theHashedAssetsTheDashboardLoadsAreServedAndCachedForever() {
        String page = http.get().uri("/").header(HttpHeaders.ACCEPT, "text/html").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        Matcher style = Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"").matcher(page);
        assertThat(script.find()).as("the page loads a script bundle").isTrue();
        assertThat(style.find()).as("the page loads a style sheet").isTrue();
        for (String asset : new String[] {script.group(1), style.group(1)}) {
            http.get().uri(asset).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable");
        }
        http.get().uri("/assets/missing-0000.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void otherMethodsOnTheRootAreNotThePage() {
        http.post().uri("/").header(HttpHeaders.ACCEPT, "text/html").exchange()
                .expectStatus().isEqualTo(405);
    }
}
