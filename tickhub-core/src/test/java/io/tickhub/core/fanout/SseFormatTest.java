package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server-Sent Events framing: unnamed events by default (a browser's {@code onmessage} gets them), named
 * after their type on request; live updates carry {@code id: SYMBOL:seq@epoch}; out-of-order ones do not.
 */
class SseFormatTest {

    private final Hub hub = new Hub();
    private final Client client = hub.connect(false, WireFormat.SSE);

    @Test
    void liveUpdatesAreEventsWithTheirSymbolSeqAndEpochAsId() {
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);

        hub.publish("AAPL", 1, 2);
        hub.drain();

        assertThat(client.sink().frames()).hasSize(2).allSatisfy(frame -> assertThat(frame)
                .startsWith("id: AAPL:").contains("\ndata: {\"type\":\"price_update\"").doesNotContain("event:")
                .endsWith("}\n\n"));
        assertThat(client.sink().frames().get(1)).startsWith("id: AAPL:2@" + Hub.EPOCH.id() + "\n");
    }

    @Test
    void snapshotsAndRepliesCarryNoIdSoLastEventIdNeverSkipsAheadOfWhatWasDelivered() {
        hub.publish("AAPL", 1, 3);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        client.connection().send(NativeMessages.error("bad_request", "x"));
        hub.drain();

        List<String> frames = client.sink().frames();
        assertThat(frames.get(0)).startsWith("data: {\"type\":\"price_update\"").contains("\"snapshot\":true");
        assertThat(frames.get(1)).isEqualTo("data: {\"type\":\"error\",\"code\":\"bad_request\","
                + "\"message\":\"x\"}\n\n");
    }

    @Test
    void replayedUpdatesCarryNoId() {
        hub.publish("AAPL", 1, 3);

        hub.fanOut.subscribe(client.connection(), "AAPL", true, 1L);
        hub.drain();

        assertThat(client.sink().frames()).hasSize(3).noneMatch(frame -> frame.startsWith("id:"));
        assertThat(client.sink().frames().get(0)).startsWith("data: {\"type\":\"recovered\"");
    }

    @Test
    void namedEventsCarryTheMessageTypeAsEventNameAndTheSameIdsAndData() {
        Client named = hub.connect(false, WireFormat.SSE_NAMED);
        hub.publish("AAPL", 1, 1);
        hub.fanOut.subscribe(named.connection(), "AAPL", true, null);
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        named.connection().send(NativeMessages.error("bad_request", "x"));
        hub.drain();
        hub.publish("AAPL", 2, 2);
        hub.drain();

        List<String> frames = named.sink().frames();
        assertThat(frames.get(0)).startsWith("event: price_update\ndata: {").contains("\"snapshot\":true");
        assertThat(frames.get(1)).isEqualTo("event: error\ndata: {\"type\":\"error\",\"code\":\"bad_request\","
                + "\"message\":\"x\"}\n\n");
        String live = "id: AAPL:2@" + Hub.EPOCH.id() + "\n";
        assertThat(frames.get(2)).startsWith(live + "event: price_update\ndata: {\"type\":\"price_update\"");
        assertThat(client.sink().frames().getLast()).startsWith(live + "data: {\"type\":\"price_update\"")
                .isEqualTo(frames.get(2).replace("event: price_update\n", ""));
    }
}
