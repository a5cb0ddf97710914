package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.journal.StreamEpoch;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The stream epoch on every wire: the {@code connection} message, {@code recovered}, REST history
 * and quotes all carry the hub's, and a {@code resume} on /ws replays only seqs of that epoch.
 */
@HubTest
class StreamEpochTest {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    StreamEpoch epoch;
    @Autowired
    WebTestClient http;

    private String otherEpoch() {
        return epoch.id().equals("0123456789abcdef") ? "fedcba9876543210" : "0123456789abcdef";
    }

    @Test
    void theConnectionMessageRestHistoryAndQuotesCarryTheSameEpoch() {
        feed.prices("EPREST", 1, 2);
        WsClient client = WsClient.connect(port, "/ws", true);
        assertThat(client.next("connection")).contains("\"epoch\":\"" + epoch.id() + "\"");
        client.close();

        http.get().uri("/api/v1/history/EPREST").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.epoch").isEqualTo(epoch.id());
        http.get().uri("/api/v1/quotes?symbols=EPREST").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.epoch").isEqualTo(epoch.id());
    }

    @Test
    void aResumeWithTheConnectionsEpochReplaysExactly() {
        feed.prices("EPSAME", 1, 2, 3, 4, 5);
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"EPSAME\"],\"resume\":{\"EPSAME\":2},\"epoch\":\""
                + epoch.id() + "\"}");

        assertThat(client.next("recovered")).contains("\"from\":3,\"to\":5,\"complete\":true,\"epoch\":\"" + epoch.id());
        for (long seq = 3; seq <= 5; seq++) {
            String update = client.next("EPSAME\",\"seq\"");
            assertThat(seqOf(update)).isEqualTo(seq);
            assertThat(update).doesNotContain("snapshot");
        }
        client.close();
    }

    @Test
    void aResumeFromAnotherEpochGetsIncompleteAndASnapshotNeverTheReplay() {
        feed.prices("EPOTHER", 1, 2, 3, 4, 5);
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"EPOTHER\"],\"resume\":{\"EPOTHER\":2},\"epoch\":\""
                + otherEpoch() + "\"}");

        assertThat(client.next("recovered")).contains("\"from\":3,\"to\":5,\"complete\":false,\"epoch\":\"" + epoch.id());
        String first = client.next("EPOTHER\",\"seq\"");
        assertThat(first).contains("\"snapshot\":true");
        assertThat(seqOf(first)).isEqualTo(5);
        feed.prices("EPOTHER", 6);
        assertThat(seqOf(client.next("EPOTHER\",\"seq\""))).as("then live, nothing replayed").isEqualTo(6);
        client.close();
    }

    @Test
    void anEpochThatIsNotAStringIsABadRequestAndTheConnectionStays() {
        WsClient client = WsClient.connect(port, "/ws", true);
        client.next("connection");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"EPBAD\"],\"resume\":{\"EPBAD\":2},\"epoch\":7}");

        assertThat(client.next("error")).contains("\"code\":\"bad_request\"").contains("'epoch'");
        client.send("{\"action\":\"ping\"}");
        assertThat(client.next("pong")).contains("pong");
        client.close();
    }

    private static long seqOf(String json) {
        Matcher m = SEQ.matcher(json);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
