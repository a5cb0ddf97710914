package io.tickhub.server.http;

import io.tickhub.core.news.NewsWire;
import io.tickhub.core.testing.NewsFixtures;
import io.tickhub.server.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GET /api/v1/news: recent items newest first, by symbol, with its error cases. */
@HubTest
class NewsRoutesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    NewsWire news;

    @Test
    void recentItemsNewestFirstFilteredBySymbolAndLimited() {
        news.publish(NewsFixtures.item("nr-1", "NWSA"));
        news.publish(NewsFixtures.item("nr-2", "NWSB"));
        news.publish(NewsFixtures.item("nr-3", "NWSA"));

        http.get().uri("/api/v1/news?symbol=nwsa").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].id").isEqualTo("nr-3")
                .jsonPath("$.items[1].id").isEqualTo("nr-1")
                .jsonPath("$.items[0].published").isEqualTo("2025-01-02T14:30:00.000Z")
                .jsonPath("$.items[0].url").isEqualTo("https://news.example/nr-3");
        http.get().uri("/api/v1/news?limit=1").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo("nr-3");
    }

    @Test
    void badSymbolOrLimitIsA422ProblemJson() {
        for (String query : new String[] {"?symbol=bad%20sym", "?limit=0", "?limit=501", "?limit=x"}) {
            http.get().uri("/api/v1/news" + query).exchange()
                    .expectStatus().isEqualTo(422)
                    .expectHeader().contentTypeCompatibleWith("application/problem+json");
        }
    }
}
