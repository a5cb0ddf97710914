package io.tickhub.server.http;

import io.tickhub.core.quote.Timestamps;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Systems B/C's moving averages and the native indicators, with their error cases. History size is 50 here; longer windows are read from the store. */
@HubTest
class MovingAverageRoutesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    QuoteFeeder feed;

    @Test
    void movingAverageOfAnyWindowWithCalcTimeOfThisComputation() {
        feed.prices("MAV1", 1, 2, 3, 4);

        http.get().uri("/prices/ma?symbol=mav1&window=3").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.symbol").isEqualTo("MAV1")
                .jsonPath("$.window").isEqualTo(3)
                .jsonPath("$.moving_average").isEqualTo(3.0)
                .jsonPath("$.calc_time").isEqualTo(Timestamps.iso(feed.clock().instant()));
        http.get().uri("/ma/MAV1?window=2").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.moving_average").isEqualTo(3.5);
    }

    @Test
    void windowDefaultsToFiveAndIsNotAvailableWithFewerPrices() {
        feed.prices("MAV2", 1, 2, 3, 4);

        http.get().uri("/prices/ma?symbol=MAV2").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Moving average not available yet");
        http.get().uri("/ma/NOPE_MAV").exchange().expectStatus().isNotFound();
    }

    @Test
    void badWindowOrMissingSymbolIsA422InFastApisShape() {
        feed.prices("MAV3", 1, 2);

        http.get().uri("/prices/ma?symbol=MAV3&window=1").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail[0].loc[1]").isEqualTo("window")
                .jsonPath("$.detail[0].type").isEqualTo("greater_than_equal");
        http.get().uri("/prices/ma?symbol=MAV3&window=abc").exchange().expectStatus().isEqualTo(422);
        http.get().uri("/prices/ma?symbol=MAV3&window=10001").exchange().expectStatus().isEqualTo(422);
        http.get().uri("/prices/ma").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail[0].loc[1]").isEqualTo("symbol")
                .jsonPath("$.detail[0].type").isEqualTo("missing");
    }

    @Test
    void nativeIndicatorsOverTheLatestObservations() {
        feed.prices("IND1", 10, 20, 30);

        http.get().uri("/api/v1/indicators/sma/ind1?window=2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.symbol").isEqualTo("IND1")
                .jsonPath("$.indicator").isEqualTo("sma")
                .jsonPath("$.value").isEqualTo(25.0)
                .jsonPath("$.asOf").isEqualTo(Timestamps.iso(feed.clock().instant()));
        // EMA(2): seed (10+20)/2 = 15, then 15 + 2/3 * (30 - 15) = 25.
        http.get().uri("/api/v1/indicators/ema/IND1?window=2").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.value").isEqualTo(25.0);
    }

    @Test
    void nativeIndicatorErrorsAreProblemJson() {
        feed.prices("IND2", 1, 2);

        http.get().uri("/api/v1/indicators/rsi/IND2").exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
        http.get().uri("/api/v1/indicators/sma/IND2?window=5").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
        http.get().uri("/api/v1/indicators/vwap/IND2?window=2").exchange()
                .expectStatus().isNotFound(); // last-price quotes carry no volume
        http.get().uri("/api/v1/indicators/sma/bad%20sym").exchange().expectStatus().isEqualTo(422);
    }
}
