package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.core.quote.Quote;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import io.tickhub.server.stream.SseClient.Event;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GET /api/v1/stream names no event by default, so a browser's {@code onmessage} gets every message; with
 * {@code ?events=named} every event is named after its message type, with the same ids and data.
 */
@HubTest
class SseEventNamesTest {

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    WebTestClient http;
    @Autowired
    StreamEpoch epoch;

    @Test
    void everyEventIsUnnamedByDefaultAndItsDataCarriesTheType() {
        feed.price("SSN1", 10);
        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=ssn1", null)) {
            Event connection = client.next();
            assertThat(connection.type()).isEqualTo("connection");
            Event snapshot = client.next("price_update");
            Event subscription = client.next("subscription");
            Quote live = feed.prices("SSN1", 11);
            Event update = client.next("price_update");

            assertThat(List.of(connection, snapshot, subscription, update)).extracting(Event::name)
                    .containsOnly("message");
            assertThat(update.id()).isEqualTo("SSN1:" + live.seq() + "@" + epoch.id());
        }
    }

    @Test
    void namedEventsOnRequestCarryTheTypeAsNameWithTheSameIdsAndData() {
        feed.price("SSN2", 10);
        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=ssn2&events=named", null)) {
            Event connection = client.next();
            Event snapshot = client.next("price_update");
            Event subscription = client.next("subscription");
            Quote live = feed.prices("SSN2", 11);
            Event update = client.next("price_update");

            for (Event event : List.of(connection, snapshot, subscription, update)) {
                assertThat(event.name()).as(event.data()).isEqualTo(event.type());
            }
            assertThat(update.id()).isEqualTo("SSN2:" + live.seq() + "@" + epoch.id());
            assertThat(update.data()).contains("\"seq\":" + live.seq());
        }
    }

    @Test
    void explicitMessageIsTheDefaultAndAnythingElseIs422BeforeTheStreamStarts() {
        try (SseClient client = SseClient.connect(port, "/api/v1/stream?symbols=ssn3&events=message", null)) {
            assertThat(client.next().name()).isEqualTo("message");
        }
        http.get().uri("/api/v1/stream?symbols=SSN3&events=typed").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.errors[0].loc[1]").isEqualTo("events");
    }
}
