package io.tickhub.server.http;

import org.springframework.test.json.JsonCompareMode;
import io.tickhub.core.quote.Timestamps;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** System E's REST routes: {@code /api/v1/tickers} and {@code /api/v1/tickers/{id}/history}. History size is 50 here. */
@HubTest
class PriceSystemRoutesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    InstrumentRegistry instruments;

    @Test
    void tickerShowsRoundedPricesAndFirstQuoteAsInitial() {
        instruments.register(new Instrument("ITEM_E1", "Item E1", "USD", "SIM"));
        Instant created = feed.clock().advance(Duration.ofSeconds(1));
        feed.price("ITEM_E1", 100.004);
        feed.prices("ITEM_E1", 101.236);
        Instant updated = feed.clock().instant();

        http.get().uri("/api/v1/tickers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id=='ITEM_E1')].name").isEqualTo("Item E1")
                .jsonPath("$[?(@.id=='ITEM_E1')].current_price").isEqualTo(101.24)
                .jsonPath("$[?(@.id=='ITEM_E1')].initial_price").isEqualTo(100.0)
                .jsonPath("$[?(@.id=='ITEM_E1')].created_at").isEqualTo(Timestamps.iso(created))
                .jsonPath("$[?(@.id=='ITEM_E1')].updated_at").isEqualTo(Timestamps.iso(updated));
    }

    @Test
    @SuppressWarnings("unchecked") // the body is a JSON array of objects
    void tickersAreOrderedById() {
        feed.price("ITEM_Z2", 1);
        feed.price("ITEM_Z1", 1);
        List<Map<String, Object>> tickers = http.get().uri("/api/v1/tickers").exchange()
                .expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(m -> (Map<String, Object>) m).toList();
        List<String> ids = tickers.stream().map(t -> (String) t.get("id")).toList();
        assertThat(ids).isSorted().contains("ITEM_Z1", "ITEM_Z2");
    }

    @Test
    void historyIsOldestFirstAndStartsAtInitialPriceWhileBelowCap() {
        feed.prices("ITEM_H1", 10, 11, 12, 13);
        http.get().uri("/api/v1/tickers/ITEM_H1/history").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.ticker.id").isEqualTo("ITEM_H1")
                .jsonPath("$.history.length()").isEqualTo(4)
                .jsonPath("$.history[0].value").isEqualTo(10.0)
                .jsonPath("$.ticker.initial_price").isEqualTo(10.0)
                .jsonPath("$.history[3].value").isEqualTo(13.0)
                .jsonPath("$.history[3].timestamp").isEqualTo(Timestamps.iso(feed.clock().instant()));
    }

    @Test
    void limitReturnsTheMostRecentPoints() {
        feed.prices("ITEM_H2", 1, 2, 3, 4, 5);
        http.get().uri("/api/v1/tickers/item_h2/history?limit=2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.history.length()").isEqualTo(2)
                .jsonPath("$.history[0].value").isEqualTo(4.0)
                .jsonPath("$.history[1].value").isEqualTo(5.0);
    }

    @Test
    void historyIsCappedAtTheConfiguredSize() {
        feed.ramp("ITEM_CAP", 60, 100); // prices 100, 101, ... 159: more than the history of 50 holds
        http.get().uri("/api/v1/tickers/ITEM_CAP/history").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.history.length()").isEqualTo(50)
                .jsonPath("$.history[0].value").isEqualTo(110.0)
                .jsonPath("$.history[49].value").isEqualTo(159.0)
                .jsonPath("$.ticker.initial_price").isEqualTo(100.0);
    }

    @Test
    void limitBelowOneIs422WithFastApiErrorList() {
        feed.price("ITEM_L1", 1);
        http.get().uri("/api/v1/tickers/ITEM_L1/history?limit=0").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().json("""
                        {"detail":[{"type":"greater_than_equal","loc":["query","limit"],
                          "msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}""", JsonCompareMode.STRICT);
    }

    @Test
    void limitAboveHistorySizeReturnsEveryHeldPointAsSystemEDid() {
        // E's app always asks for 100 points; E answered with what its ring held whatever MAX_HISTORY_SIZE was.
        feed.ramp("ITEM_L2", 60, 100); // more than the history of 50 holds
        for (String limit : List.of("51", "100", "1000")) {
            http.get().uri("/api/v1/tickers/ITEM_L2/history?limit=" + limit).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.history.length()").isEqualTo(50)
                    .jsonPath("$.history[0].value").isEqualTo(110.0)
                    .jsonPath("$.history[49].value").isEqualTo(159.0);
        }
        feed.prices("ITEM_L4", 1, 2, 3);
        http.get().uri("/api/v1/tickers/ITEM_L4/history?limit=100").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.history.length()").isEqualTo(3);
    }

    @Test
    void limitAboveSystemEsBoundOf1000Is422() {
        feed.price("ITEM_L5", 1);
        http.get().uri("/api/v1/tickers/ITEM_L5/history?limit=1001").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.detail[0].type").isEqualTo("less_than_equal")
                .jsonPath("$.detail[0].loc[1]").isEqualTo("limit")
                .jsonPath("$.detail[0].ctx.le").isEqualTo(1000);
    }

    @Test
    void nonIntegerLimitIs422() {
        feed.price("ITEM_L3", 1);
        http.get().uri("/api/v1/tickers/ITEM_L3/history?limit=ten").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.detail[0].type").isEqualTo("int_parsing")
                .jsonPath("$.detail[0].loc[1]").isEqualTo("limit")
                .jsonPath("$.detail[0].input").isEqualTo("ten");
    }

    @Test
    void unknownTickerIs404NamingIt() {
        http.get().uri("/api/v1/tickers/ITEM_99/history").exchange()
                .expectStatus().isNotFound()
                .expectBody().json("{\"detail\":\"Ticker ITEM_99 not found\"}", JsonCompareMode.STRICT);
    }
}
