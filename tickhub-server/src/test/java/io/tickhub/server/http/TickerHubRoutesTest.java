package io.tickhub.server.http;

import org.springframework.test.json.JsonCompareMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** System A's REST routes: {@code /tickers} and {@code /tickers/{symbol}}. */
@HubTest
class TickerHubRoutesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    InstrumentRegistry instruments;

    @Test
    void recordCarriesPriceTimesAndMetaWithChangeAgainstFirstPrice() {
        instruments.register(new Instrument("AREC", "A Record Corp", "USD", "TEST"));
        feed.prices("AREC", 100.00, 102.50);

        http.get().uri("/tickers/AREC").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.price").isEqualTo(102.5)
                .jsonPath("$.meta.symbol").isEqualTo("AREC")
                .jsonPath("$.meta.name").isEqualTo("A Record Corp")
                .jsonPath("$.meta.currency").isEqualTo("USD")
                .jsonPath("$.meta.price").isEqualTo(102.5)
                .jsonPath("$.meta.change").isEqualTo(2.5)
                .jsonPath("$.meta.changePercent").isEqualTo(2.5)
                .jsonPath("$.meta.marketState").value(String.class,
                        state -> assertThat(state).isIn("PRE", "REGULAR", "POST", "CLOSED"))
                .jsonPath("$.marketTime").value(String.class, t -> assertThat(Instant.parse(t)).isNotNull())
                .jsonPath("$.publishedTime").value(String.class, t -> {
                    assertThat(t).endsWith("Z").doesNotContain("+00:00");
                    assertThat(Instant.parse(t)).isEqualTo(feed.clock().instant());
                });
    }

    @Test
    void symbolIsMatchedCaseInsensitively() {
        feed.price("ALOW", 10);
        http.get().uri("/tickers/alow").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.meta.symbol").isEqualTo("ALOW");
    }

    @Test
    void unknownSymbolIs404WithFastApiDetail() {
        http.get().uri("/tickers/NOSUCH").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"detail\":\"Ticker not found\"}", JsonCompareMode.STRICT);
    }

    @Test
    void malformedSymbolIsNotFoundNotServerError() {
        http.get().uri("/tickers/{s}", "a b'c").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Ticker not found");
    }

    @Test
    void allTickersAreKeyedBySymbol() {
        feed.price("AKEY1", 1.5);
        feed.price("AKEY2", 2.5);
        http.get().uri("/tickers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.AKEY1.price").isEqualTo(1.5)
                .jsonPath("$.AKEY2.meta.symbol").isEqualTo("AKEY2");
    }

    @Test
    void symbolWithoutRegisteredInstrumentIsNamedBySymbol() {
        feed.price("ANONAME", 3);
        http.get().uri("/tickers/ANONAME").exchange()
                .expectBody()
                .jsonPath("$.meta.name").isEqualTo("ANONAME")
                .jsonPath("$.meta.currency").doesNotExist();
    }
}
