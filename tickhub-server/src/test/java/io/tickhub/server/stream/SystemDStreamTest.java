package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * System D's clients on {@code /ws} see only D's message types ({@code connection}, {@code subscription},
 * {@code price_update}, {@code error}): D's hook logs "Unknown message type" for anything else. Native clients
 * keep their {@code heartbeat}s. Each check lets a native client on the same hub prove that heartbeats went out.
 */
@HubTest
class SystemDStreamTest {

    /** The default {@code tickhub.stream.heartbeat-interval} (15 s) and a second. */
    private static final Duration PAST_HEARTBEAT = Duration.ofSeconds(16);

    @LocalServerPort
    int port;
    @Autowired
    QuoteFeeder feed;

    @Test
    void systemDsClientGetsNoHeartbeatWhileANativeClientGetsThem() {
        WsClient d = WsClient.connect(port, "/ws", true);
        WsClient nativeClient = WsClient.connect(port, "/ws", true);
        List<String> seen = new ArrayList<>();
        seen.add(d.next("connection"));
        nativeClient.next("connection");
        d.send("{\"action\":\"subscribe\",\"symbols\":[\"DHB1\"]}"); // exactly what D's hook sends
        nativeClient.send("{\"action\":\"subscribe\",\"symbols\":[\"DHB1\"],\"channels\":[\"quotes\"]}");
        seen.add(d.next("subscription"));
        nativeClient.next("subscription");
        feed.price("DHB1", 10);
        seen.add(d.next("DHB1"));
        nativeClient.next("price_update");

        idleUntilTwoHeartbeats(nativeClient);
        seen.addAll(roundTrip(d));

        assertThat(seen).extracting(SystemDStreamTest::type)
                .allSatisfy(type -> assertThat(type).isIn("connection", "subscription", "price_update", "error"));
        d.close();
        nativeClient.close();
    }

    @Test
    void aClientThatAsksForTheNativeFormatOrSpeaksNativeGetsHeartbeats() {
        WsClient negotiated = WsClient.connect(port, "/ws?format=native", true);
        negotiated.next("connection");
        idleUntilTwoHeartbeats(negotiated);
        negotiated.close();

        WsClient later = WsClient.connect(port, "/ws", true);
        later.next("connection");
        later.send("{\"action\":\"subscribe\",\"symbols\":[\"DHB2\"]}");
        later.next("subscription");
        later.send("{\"action\":\"list\"}"); // a native action: from now on it is a native client
        later.next("subscriptions");
        idleUntilTwoHeartbeats(later);
        later.close();
    }

    /**
     * Lets the manual clock pass a heartbeat interval until the client has had two heartbeats. A write's time is
     * read just after its flush, so the last write before the clock moved may count as after it: then that
     * interval brings no heartbeat, and the clock moves once more.
     */
    private void idleUntilTwoHeartbeats(WsClient client) {
        int heartbeats = 0;
        for (int interval = 0; interval < 4 && heartbeats < 2; interval++) {
            feed.clock().advance(PAST_HEARTBEAT);
            try {
                assertThat(client.next("\"type\":\"heartbeat\"")).contains("\"seqs\":");
                heartbeats++;
            } catch (AssertionError noneWithin5s) {
                // the interval started at a write after the clock moved; the next one brings it
            }
        }
        assertThat(heartbeats).as("heartbeats in 4 idle intervals").isEqualTo(2);
    }

    /** Whatever the client had been sent before a reply to a message of D's own. */
    private static List<String> roundTrip(WsClient d) {
        d.send("{\"action\":\"unsubscribe\",\"symbols\":[\"NOT_HELD\"]}");
        List<String> out = new ArrayList<>();
        String message;
        do {
            message = d.next();
            out.add(message);
        } while (!message.contains("NOT_HELD"));
        return out;
    }

    private static String type(String frame) {
        int at = frame.indexOf("\"type\":\"");
        return at < 0 ? "" : frame.substring(at + 8, frame.indexOf('"', at + 8));
    }
}
