package io.tickhub.client;

import static io.tickhub.client.FakeHub.describe;
import static io.tickhub.client.FakeHub.drain;
import static io.tickhub.client.FakeHub.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchdogCredentialsQueueTest {

    private final FakeHub hub = new FakeHub();

    @Test
    void aQuietSymbolIsReportedStaleOnceAndFreshWhenItUpdates() throws Exception {
        TickhubClient client = hub.start(hub.config().symbolStaleAfter(Duration.ofSeconds(5)).build());
        client.subscribe(List.of("AAPL", "MSFT"));
        hub.accept("e1");
        for (int i = 1; i <= 8; i++) {
            hub.send(quote("MSFT", i));
            hub.loop.advance(Duration.ofSeconds(1));
        }
        hub.send(quote("AAPL", 1));

        List<String> events = describe(drain(client)).stream().filter(e -> !e.startsWith("MSFT")).toList();
        assertThat(events).containsExactly("stale AAPL true", "stale AAPL false", "AAPL:1");
    }

    @Test
    void aConnectionWithNoMessageForTwiceTheHeartbeatIsDroppedAndReplaced() throws Exception {
        TickhubClient client = hub.start(hub.config().build());
        hub.accept("e1"); // heartbeat_ms 15000: stale after 31 s
        hub.loop.advance(Duration.ofSeconds(30));
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);

        hub.loop.advance(Duration.ofSeconds(10));
        assertThat(hub.transport.attempts.get(0).closed).isTrue();
        assertThat(hub.transport.attempts).hasSize(2);
        hub.accept("e1");
        assertThat(describe(drain(client))).containsExactly("stale null true", "stale null false");
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void theCredentialIsAskedOnEveryConnectAndRefreshedWhenTheHubSaysItIsExpiring() {
        AtomicInteger asked = new AtomicInteger();
        hub.start(hub.config().credentials(() -> "jwt-" + asked.incrementAndGet()).build());
        assertThat(hub.transport.last().headers).containsEntry("Authorization", "Bearer jwt-1");
        hub.accept("e1");
        hub.send("{\"type\":\"auth\",\"status\":\"expiring\",\"expires_at\":\"2026-12-05T10:15:00Z\"}");
        assertThat(hub.transport.last().sent).containsExactly("{\"action\":\"auth\",\"token\":\"jwt-2\"}");

        hub.transport.last().hubCloses(1001, "");
        hub.loop.advance(Duration.ofSeconds(1));
        assertThat(hub.transport.last().headers).containsEntry("Authorization", "Bearer jwt-3");
    }

    @Test
    void whenTheHubAsksForAuthTheClientSendsItAndSubscribesOnlyAfterItIsAccepted() {
        TickhubClient client = hub.start(hub.config().credentials(() -> "thk_key").build());
        client.subscribe(List.of("AAPL"));
        hub.send(FakeHub.connection("e1", ",\"auth\":\"required\""));
        assertThat(hub.transport.last().sent).containsExactly("{\"action\":\"auth\",\"token\":\"thk_key\"}");
        hub.send("{\"type\":\"auth\",\"status\":\"ok\",\"subject\":\"key:k\",\"scopes\":[\"stream\"],\"expires_at\":null}");
        assertThat(hub.transport.last().sent).hasSize(2).last().asString().contains("\"action\":\"subscribe\"");
    }

    @Test
    void aRefusedAuthIsFinalAndNotRetried() {
        TickhubClient client = hub.start(hub.config().credentials(() -> "thk_bad").build());
        hub.send(FakeHub.connection("e1", ",\"auth\":\"required\""));
        hub.send("{\"type\":\"error\",\"code\":\"auth_failed\",\"message\":\"unknown key\"}");
        hub.loop.advance(Duration.ofMinutes(1));
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(hub.transport.attempts).hasSize(1);
    }

    @Test
    void aSlowApplicationGetsTheLatestQuoteOfEachSymbolWithTheCountItMissed() throws Exception {
        TickhubClient client = hub.start(hub.config().queue(4, OverflowPolicy.CONFLATE).build());
        client.subscribe(List.of("AAPL", "MSFT"));
        hub.accept("e1");
        hub.send(quote("AAPL", 1));
        hub.send(quote("MSFT", 1));
        hub.send(quote("AAPL", 2));
        hub.send(quote("MSFT", 2));
        hub.send(quote("AAPL", 3));
        hub.send(quote("AAPL", 4));
        hub.send("{\"type\":\"news\",\"data\":{\"id\":\"n1\",\"symbols\":[\"AAPL\"],\"headline\":\"h\",\"summary\":\"s\","
                + "\"source\":\"x\",\"url\":null,\"published\":\"2026-12-05T10:00:00Z\"}}");

        // Full at AAPL 3: the queue kept only MSFT 2 (skipped 1) and took AAPL 3 (skipped 2); then there was room.
        List<StreamEvent> events = drain(client);
        assertThat(describe(events)).containsExactly("MSFT:2", "AAPL:3", "AAPL:4", "news n1");
        assertThat(((Quote) events.get(0)).clientSkipped()).isEqualTo(1);
        assertThat(((Quote) events.get(1)).clientSkipped()).isEqualTo(2);
        assertThat(((Quote) events.get(2)).clientSkipped()).isZero();
        assertThat(client.stats().clientConflated()).isEqualTo(3);
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void underTheFailPolicyAFullQueueClosesTheClientLoudlyAfterWhatItHeld() throws Exception {
        TickhubClient client = hub.start(hub.config().queue(2, OverflowPolicy.FAIL).build());
        client.subscribe(List.of("AAPL"));
        hub.accept("e1");
        hub.send(quote("AAPL", 1));
        hub.send(quote("AAPL", 2));
        hub.send(quote("AAPL", 3));

        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(describe(List.of(client.poll(Duration.ZERO), client.poll(Duration.ZERO)))).containsExactly("AAPL:1", "AAPL:2");
        assertThatThrownBy(() -> client.poll(Duration.ZERO)).isInstanceOf(ClientClosedException.class)
                .hasMessageContaining("inbound queue full");
    }
}
