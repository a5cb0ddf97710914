package io.tickhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionStateMachineTest {

    private final FakeHub hub = new FakeHub();

    @Test
    void connectsThenReconnectsToTheNextEndpointAfterAShutdownAndClosesWhenAsked() {
        TickhubClient client = hub.start(hub.config().build());
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(hub.transport.last().uri.toString()).isEqualTo("ws://hub-a:8080/ws");

        hub.accept("e1");
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);

        hub.transport.last().hubCloses(1001, "shutting down");
        hub.loop.runReady();
        assertThat(client.state()).isEqualTo(ConnectionState.RECONNECTING);
        StateChange reconnecting = hub.changes.get(hub.changes.size() - 1);
        assertThat(reconnecting.code()).isEqualTo(1001);
        assertThat(reconnecting.retryIn()).isBetween(Duration.ZERO, Duration.ofMillis(100));

        hub.loop.advance(Duration.ofMillis(100));
        assertThat(hub.transport.attempts).hasSize(2);
        assertThat(hub.transport.last().uri.toString()).isEqualTo("ws://hub-b:8080/ws");
        hub.accept("e1");
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);

        client.close();
        hub.loop.runReady();
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(hub.transport.last().closed).isTrue();
        assertThat(hub.changes).extracting(StateChange::to).containsExactly(ConnectionState.CONNECTED,
                ConnectionState.RECONNECTING, ConnectionState.CONNECTED, ConnectionState.CLOSED);
        assertThat(client.stats().reconnects()).isEqualTo(1);
        assertThatThrownBy(() -> client.poll(Duration.ZERO)).isInstanceOf(ClientClosedException.class);
    }

    @Test
    void theHubsFirstMessageBeforeTheTransportHandsOverTheConnectionStillGetsTheSubscriptions() {
        hub.transport.holdNext();
        TickhubClient client = hub.start(hub.config().build());
        client.subscribe(List.of("AAPL"));
        hub.accept("e1"); // the hub's "connection" arrives; the transport's open has not completed yet
        assertThat(hub.transport.last().sent).isEmpty();

        hub.transport.held.complete(hub.transport.last());
        hub.loop.runReady();

        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(hub.transport.last().sent).singleElement().asString().contains("\"subscribe\"").contains("AAPL");
    }

    @Test
    void aRevokedKeyIsFinalAndNeverRetried() {
        TickhubClient client = hub.start(hub.config().build());
        hub.accept("e1");
        hub.transport.last().hubCloses(4003, "key revoked");
        hub.loop.runReady();
        hub.loop.advance(Duration.ofMinutes(10));

        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(hub.transport.attempts).hasSize(1);
        assertThatThrownBy(() -> client.poll(Duration.ZERO)).isInstanceOf(ClientClosedException.class)
                .hasMessageContaining("4003").hasMessageContaining("key revoked");
    }

    @Test
    void everyFinalCodeStopsAndEveryRetryableOneReconnects() {
        for (int code : List.of(4001, 4002, 4003, 4004, 4006, 4029, 1002, 1007, 1008, 1009)) {
            assertThat(CloseCodes.retryable(code)).as("close %d", code).isFalse();
        }
        for (int code : List.of(1000, 1001, 1006, 1011, 1012, 1013, 4008)) {
            assertThat(CloseCodes.retryable(code)).as("close %d", code).isTrue();
        }
        assertThat(List.of(401, 403, 404, 400)).noneMatch(CloseCodes::retryableStatus);
        assertThat(List.of(429, 503, 500, 502)).allMatch(CloseCodes::retryableStatus);
    }

    @Test
    void anUpgradeRefusedWith429WaitsAtLeastItsRetryAfter() {
        hub.transport.refuseNext(new Transport.UpgradeRefusedException(429, Duration.ofSeconds(7), "too_many_connections"));
        TickhubClient client = hub.start(hub.config().build());

        assertThat(client.state()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(hub.changes.get(0).retryIn()).isEqualTo(Duration.ofSeconds(7));
        hub.loop.advance(Duration.ofMillis(6_999));
        assertThat(hub.transport.attempts).hasSize(1);
        hub.loop.advance(Duration.ofMillis(1));
        assertThat(hub.transport.attempts).hasSize(2);
    }

    @Test
    void anUpgradeRefusedWith401IsFinal() {
        hub.transport.refuseNext(new Transport.UpgradeRefusedException(401, null, "{\"code\":\"auth_failed\"}"));
        TickhubClient client = hub.start(hub.config().build());
        hub.loop.advance(Duration.ofMinutes(5));

        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(hub.transport.attempts).hasSize(1);
        assertThat(hub.changes.get(0).code()).isEqualTo(401);
    }

    @Test
    void aHubThatIsDownIsRetriedWithGrowingBoundedJitteredWaits() {
        for (int i = 0; i < 12; i++) {
            hub.transport.refuseNext(new RuntimeException(new IOException("connection refused")));
        }
        hub.start(hub.config().build());
        for (int i = 0; i < 12; i++) {
            hub.loop.advance(Duration.ofSeconds(2));
        }
        List<Duration> waits = hub.changes.stream().filter(c -> c.to() == ConnectionState.RECONNECTING)
                .map(StateChange::retryIn).toList();
        assertThat(waits).hasSize(12).allMatch(w -> w.compareTo(Duration.ofSeconds(2)) <= 0);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(waits.stream().distinct().count()).as("jittered, not a fixed schedule").isGreaterThan(6);
        assertThat(hub.transport.attempts).hasSize(13);
    }

    @Test
    void theBackoffCeilingDoublesUpToItsMaximumAndResetsAfterAStableConnection() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(0, Duration.ofMinutes(10), new java.util.SplittableRandom(1))).isEqualTo(Duration.ofSeconds(60));

        for (int i = 0; i < 6; i++) {
            hub.transport.refuseNext(new RuntimeException("refused"));
        }
        hub.start(hub.config().build());
        hub.loop.advance(Duration.ofSeconds(12));
        hub.accept("e1");
        hub.loop.advance(Duration.ofSeconds(5));
        hub.transport.last().hubCloses(1006, "reset");
        hub.loop.runReady();
        assertThat(hub.changes.get(hub.changes.size() - 1).retryIn()).as("back to the first step")
                .isLessThanOrEqualTo(Duration.ofMillis(100));
    }
}
