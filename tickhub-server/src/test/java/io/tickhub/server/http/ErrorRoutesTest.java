package io.tickhub.server.http;

import org.springframework.test.json.JsonCompareMode;
import io.tickhub.server.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Errors outside any handler are JSON in the route's shape, never an HTML page or a 500. */
@HubTest
class ErrorRoutesTest {

    @Autowired
    WebTestClient http;

    @Test
    void unknownCompatRouteIsFastApiNotFound() {
        http.get().uri("/no/such/route").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"detail\":\"Not Found\"}", JsonCompareMode.STRICT);
    }

    @Test
    void unknownNativeRouteIsProblemJson() {
        http.get().uri("/api/v1/no-such-thing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("Not Found");
    }

    @Test
    void wrongMethodIs405Json() {
        http.post().uri("/tickers").exchange()
                .expectStatus().isEqualTo(405)
                .expectBody().jsonPath("$.detail").isEqualTo("Method Not Allowed");
    }

    @Test
    void nativeRouteThatMerelyStartsLikeSystemEsIsProblemJson() {
        http.get().uri("/api/v1/tickersX").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
