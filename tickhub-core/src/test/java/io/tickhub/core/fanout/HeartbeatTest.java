package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Heartbeats: a {@code heartbeat} and a ping after an idle interval; no pong for two intervals closes. */
class HeartbeatTest {

    private static final Duration INTERVAL = Hub.SMALL.heartbeatInterval(); // 10 s

    private final Hub hub = new Hub();
    private final Client client = hub.connect();

    @Test
    void idleClientGetsAHeartbeatWithTheLastSeqOfEverySubscribedSymbolAndAPing() {
        hub.publish("AAPL", 1, 3);
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.fanOut.subscribe(client.connection(), "MSFT", true, null); // nothing sent yet
        hub.drain();

        hub.clock.advance(INTERVAL);
        hub.fanOut.tick();
        hub.drain();

        String heartbeat = client.messages().getLast();
        assertThat(Frames.type(heartbeat)).isEqualTo("heartbeat");
        assertThat(heartbeat).contains("\"seqs\":{\"AAPL\":3,\"MSFT\":0}");
        assertThat(Frames.longField(heartbeat, "ts")).isEqualTo(hub.clock.millis() * 1000);
        assertThat(client.sink().pings()).isEqualTo(1);
        assertThat(client.sink().queuedPings()).as("the ping shares the heartbeat's flush").isEqualTo(1);
        assertThat(client.sink().flushes()).isEqualTo(2);
    }

    @Test
    void heartbeatOfAClientWithoutSubscriptionsHasEmptySeqs() {
        hub.clock.advance(INTERVAL);
        hub.fanOut.tick();
        hub.drain();

        assertThat(client.messages()).singleElement().satisfies(m -> assertThat(m).startsWith("{\"type\":\"heartbeat\"")
                .endsWith("\"seqs\":{}}"));
    }

    @Test
    void noHeartbeatWhileTrafficIsRecent() {
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.clock.advance(INTERVAL.minusSeconds(1));
        hub.publish("AAPL", 1, 1);
        hub.drain();

        hub.clock.advance(Duration.ofSeconds(2)); // 11 s since connect, 2 s since the last write
        hub.fanOut.tick();
        hub.drain();

        assertThat(client.ofType("heartbeat")).isEmpty();
    }

    @Test
    void heartbeatsKeepComingEveryIntervalWhileTheClientAnswersPings() {
        for (int i = 0; i < 5; i++) {
            hub.clock.advance(INTERVAL);
            hub.fanOut.tick();
            hub.drain();
            client.connection().pong();
        }

        assertThat(client.ofType("heartbeat")).hasSize(5);
        assertThat(client.sink().pings()).isEqualTo(5);
        assertThat(client.sink().isClosed()).isFalse();
    }

    @Test
    void tickBeforeTheIntervalDoesNothing() {
        hub.clock.advance(INTERVAL.minusMillis(1));
        hub.fanOut.tick();
        hub.drain();

        assertThat(client.sink().frames()).isEmpty();
        assertThat(client.sink().pings()).isZero();
    }

    @Test
    void clientAnsweringNoPingForTwoIntervalsIsClosedWith1001() {
        hub.clock.advance(INTERVAL);
        hub.fanOut.tick();
        hub.drain();
        hub.clock.advance(INTERVAL);
        hub.fanOut.tick();
        hub.drain();
        assertThat(client.sink().isClosed()).as("exactly two intervals: not yet").isFalse();

        hub.clock.advance(Duration.ofMillis(1));
        hub.fanOut.tick();
        hub.drain();

        assertThat(client.sink().closeCode()).isEqualTo(Connection.GOING_AWAY);
        assertThat(client.sink().closeReason()).isEqualTo("ping timeout");
        assertThat(client.connection().isClosed()).isTrue();
    }

    @Test
    void pongResetsThePingTimeout() {
        hub.clock.advance(INTERVAL.plus(INTERVAL.dividedBy(2)));
        hub.fanOut.tick();
        client.connection().pong();
        hub.drain();

        hub.clock.advance(INTERVAL.plus(INTERVAL.dividedBy(2))); // 3 intervals since connect, 1.5 since the pong
        hub.fanOut.tick();
        hub.drain();

        assertThat(client.sink().isClosed()).isFalse();
        assertThat(client.ofType("heartbeat")).hasSize(2);
    }

    @Test
    void busyClientIsPingedEveryIntervalAndStaysOpenWhileItAnswers() {
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        int answered = 0;
        for (long seq = 1; seq <= 60; seq++) { // an update every second: never idle
            hub.clock.advance(Duration.ofSeconds(1));
            hub.publish("AAPL", seq, seq);
            hub.fanOut.tick();
            hub.drain();
            if (client.sink().pings() > answered) {
                answered = client.sink().pings();
                client.connection().pong(); // a browser answers every ping at once
            }
        }

        assertThat(client.ofType("heartbeat")).as("traffic, so no heartbeat message").isEmpty();
        assertThat(client.sink().pings()).as("but a ping every interval").isEqualTo(6);
        assertThat(client.sink().queuedPings()).as("each a write of its own: no heartbeat to share").isZero();
        assertThat(client.sink().isClosed()).isFalse();
        assertThat(client.seqsOf("AAPL")).hasSize(60);
    }

    @Test
    void busyClientThatAnswersNoPingIsClosedAfterTwoIntervals() {
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        for (long seq = 1; seq <= 21; seq++) {
            hub.clock.advance(Duration.ofSeconds(1));
            hub.publish("AAPL", seq, seq);
            hub.fanOut.tick();
            hub.drain();
        }

        assertThat(client.sink().pings()).isEqualTo(2);
        assertThat(client.sink().closeCode()).isEqualTo(Connection.GOING_AWAY);
        assertThat(client.sink().closeReason()).isEqualTo("ping timeout");
    }

    @Test
    void pingTimeoutClosesOnceEvenIfTicksKeepComing() {
        hub.clock.advance(INTERVAL.multipliedBy(2).plusMillis(1));
        hub.fanOut.tick();
        hub.fanOut.tick();
        hub.drain();
        hub.fanOut.tick();
        hub.drain();

        assertThat(client.sink().closes()).isEqualTo(1);
    }

    @Test
    void pingTimeoutClosesEvenWhenTheClientsTransportIsFull() {
        client.sink().setWritable(false);

        hub.clock.advance(INTERVAL.multipliedBy(2).plusMillis(1));
        hub.fanOut.tick();
        hub.drain();

        assertThat(client.sink().closeCode()).isEqualTo(Connection.GOING_AWAY);
        assertThat(client.sink().closeReason()).isEqualTo("ping timeout");
    }
}
