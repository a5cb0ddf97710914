package io.tickhub.client;

import static io.tickhub.client.FakeHub.describe;
import static io.tickhub.client.FakeHub.drain;
import static io.tickhub.client.FakeHub.quote;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeAndGapTest {

    private final FakeHub hub = new FakeHub();

    private TickhubClient subscribedToAapl(ClientConfig config) {
        TickhubClient client = hub.start(config);
        client.subscribe(List.of("aapl"));
        hub.accept("e1");
        return client;
    }

    @Test
    void afterAReconnectEverySymbolIsResubscribedFromItsLastSeqInItsEpoch() throws Exception {
        TickhubClient client = hub.start(hub.config().build());
        client.subscribe(List.of("AAPL", "MSFT", "NVDA"));
        client.subscribe(List.of("AAPL"), "news");
        hub.accept("e1");
        assertThat(hub.transport.last().sent).containsExactly(
                "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\",\"NVDA\"],\"channels\":[\"quotes\"]}",
                "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"channels\":[\"news\"]}");
        hub.send(quote("AAPL", 41, ",\"snapshot\":true"));
        hub.send(quote("MSFT", 7));
        drain(client);

        hub.transport.last().hubCloses(1006, "");
        hub.loop.advance(Duration.ofSeconds(1));
        hub.accept("e1");

        assertThat(hub.transport.last().sent).containsExactly(
                "{\"action\":\"subscribe\",\"symbols\":[\"NVDA\"],\"channels\":[\"quotes\"]}",
                "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\",\"MSFT\"],\"channels\":[\"quotes\"],\"resume\":{\"AAPL\":41,\"MSFT\":7},\"epoch\":\"e1\"}",
                "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"channels\":[\"news\"]}");
    }

    @Test
    void aReplayOverlappingWhatWasDeliveredIsDeliveredOnce() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        for (long seq = 1; seq <= 5; seq++) {
            hub.send(quote("AAPL", seq));
        }
        for (long seq = 3; seq <= 7; seq++) {
            hub.send(quote("AAPL", seq));
        }
        assertThat(describe(drain(client))).containsExactly("AAPL:1", "AAPL:2", "AAPL:3", "AAPL:4", "AAPL:5", "AAPL:6", "AAPL:7");
        assertThat(client.stats().duplicatesDropped()).isEqualTo(3);
        assertThat(client.stats().gaps()).isZero();
    }

    @Test
    void aGapIsFilledFromHistoryInSeqOrderWithLaterQuotesHeldBehindIt() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        hub.send(quote("AAPL", 1));
        hub.send(quote("AAPL", 2));
        hub.store("AAPL", 3); // 4 is not stored yet: the store writes behind the stream
        hub.send(quote("AAPL", 5, ",\"snapshot\":true"));
        hub.send(quote("AAPL", 6));
        assertThat(describe(drain(client))).containsExactly("AAPL:1", "AAPL:2");

        hub.store("AAPL", 4);
        hub.loop.advance(Duration.ofMillis(250));

        assertThat(describe(drain(client))).containsExactly("AAPL:3r", "AAPL:4r", "AAPL:5", "AAPL:6");
        assertThat(client.stats().gaps()).isEqualTo(1);
        assertThat(client.stats().updatesRepaired()).isEqualTo(2);
        assertThat(client.stats().updatesLost()).isZero();
    }

    @Test
    void whatHistoryDoesNotHoldIsReportedLostNeverHidden() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().repair(2, Duration.ofMillis(100)).build());
        hub.send(quote("AAPL", 1));
        hub.store("AAPL", 3);
        hub.send(quote("AAPL", 6));
        hub.loop.advance(Duration.ofSeconds(1));

        assertThat(describe(drain(client))).containsExactly("AAPL:1", "lost AAPL 2..2 NOT_IN_HISTORY", "AAPL:3r",
                "lost AAPL 4..5 NOT_IN_HISTORY", "AAPL:6");
        assertThat(client.stats().updatesLost()).isEqualTo(3);
        assertThat(hub.historyReads).isEqualTo(2);
    }

    @Test
    void historyOfAnotherEpochIsNotUsedToFillAGap() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        hub.send(quote("AAPL", 1));
        hub.storedEpoch = "e2";
        hub.store("AAPL", 2);
        hub.send(quote("AAPL", 3));
        hub.loop.advance(Duration.ofSeconds(1));

        assertThat(describe(drain(client))).containsExactly("AAPL:1", "lost AAPL 2..2 REPAIR_FAILED", "AAPL:3");
    }

    @Test
    void withRepairOffAGapIsReportedLostAtOnce() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().repairGaps(false).build());
        hub.send(quote("AAPL", 1));
        hub.send(quote("AAPL", 4));
        assertThat(describe(drain(client))).containsExactly("AAPL:1", "lost AAPL 2..3 REPAIR_DISABLED", "AAPL:4");
        assertThat(hub.historyReads).isZero();
    }

    @Test
    void updatesTheHubConflatedAreCountedNotTakenForAGap() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        hub.send(quote("AAPL", 1));
        hub.send(quote("AAPL", 5, ",\"conflated\":3"));
        List<StreamEvent> events = drain(client);
        assertThat(describe(events)).containsExactly("AAPL:1", "AAPL:5");
        assertThat(((Quote) events.get(1)).conflated()).isEqualTo(3);
        assertThat(client.stats().hubConflated()).isEqualTo(3);
        assertThat(client.stats().gaps()).isZero();
    }

    @Test
    void aNewEpochReportsTheOldHistoryLostAndStartsAfresh() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        hub.send(quote("AAPL", 40));
        hub.transport.last().hubCloses(1001, "restart");
        hub.loop.advance(Duration.ofSeconds(1));
        hub.accept("e2");
        assertThat(hub.transport.last().sent.get(0)).contains("\"resume\":{\"AAPL\":40},\"epoch\":\"e1\"");
        hub.send("{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":41,\"to\":3,\"complete\":false,\"epoch\":\"e2\"}");
        hub.send(quote("AAPL", 3, ",\"snapshot\":true"));
        hub.send(quote("AAPL", 4));

        assertThat(describe(drain(client))).containsExactly("AAPL:40", "lost AAPL 41..-1 EPOCH_CHANGED", "AAPL:3", "AAPL:4");
        assertThat(hub.historyReads).isZero();
    }

    @Test
    void aHeartbeatNamingASeqNotDeliveredRevealsAGapAtTheTail() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        hub.send(quote("AAPL", 1));
        hub.store("AAPL", 2);
        hub.send("{\"type\":\"heartbeat\",\"ts\":1,\"seqs\":{\"AAPL\":2}}");
        assertThat(describe(drain(client))).containsExactly("AAPL:1", "AAPL:2r");
        assertThat(client.stats().gaps()).isEqualTo(1);
    }

    @Test
    void aBatchFrameIsReadMessageByMessage() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        hub.send("[" + quote("AAPL", 1) + "," + quote("AAPL", 2) + "]");
        assertThat(describe(drain(client))).containsExactly("AAPL:1", "AAPL:2");
    }

    @Test
    void aHubWhoseSeqsAreBehindTheClientsInTheSameEpochStartsTheSymbolAfreshFromItsSnapshot() throws Exception {
        TickhubClient client = subscribedToAapl(hub.config().build());
        hub.send(quote("AAPL", 40));
        hub.transport.last().hubCloses(1001, "restart");
        hub.loop.advance(Duration.ofSeconds(1));
        hub.accept("e1");
        hub.send("{\"type\":\"recovered\",\"symbol\":\"AAPL\",\"from\":41,\"to\":3,\"complete\":false,\"epoch\":\"e1\"}");
        hub.send(quote("AAPL", 3, ",\"snapshot\":true"));
        hub.send(quote("AAPL", 4));

        assertThat(describe(drain(client))).containsExactly("AAPL:40", "error client_seq_reset", "AAPL:3", "AAPL:4");
    }
}
