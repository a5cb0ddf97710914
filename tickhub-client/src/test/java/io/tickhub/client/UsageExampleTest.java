package io.tickhub.client;

import static io.tickhub.client.FakeHub.quote;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop of docs/clients-java.md, as written there, compiles and reads every kind of event. */
class UsageExampleTest {

    @Test
    void theDocumentedPollLoopHandlesEveryEvent() throws Exception {
        FakeHub hub = new FakeHub();
        List<String> out = new ArrayList<>();
        TickhubClient client = hub.start(hub.config().repairGaps(false).build());
        client.subscribe(List.of("AAPL"));
        hub.accept("e1");
        hub.send(quote("AAPL", 1));
        hub.send(quote("AAPL", 3));
        hub.send("{\"type\":\"error\",\"code\":\"bad_request\",\"message\":\"m\"}");
        for (int i = 0; i < 4; i++) {
            switch (client.poll(Duration.ZERO)) {
                case Quote q -> out.add(q.symbol() + " " + q.seq() + " " + q.price());
                case Bar b -> out.add(b.symbol() + " " + b.interval() + " " + b.close() + (b.closed() ? " closed" : ""));
                case News n -> out.add(n.headline());
                case Lost l -> out.add("LOST " + l.symbol() + " seqs " + l.fromSeq() + ".." + l.toSeq() + " " + l.reason());
                case Stale s -> out.add((s.symbol() == null ? "connection" : s.symbol()) + (s.stale() ? " stale" : " fresh"));
                case HubError e -> out.add(e.code() + ": " + e.message());
                case null -> { }
            }
        }
        assertThat(out).containsExactly("AAPL 1 101.0", "LOST AAPL seqs 2..2 REPAIR_DISABLED", "AAPL 3 103.0", "bad_request: m");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
        JdkWebSocketTransport transport = new JdkWebSocketTransport(HttpClient.newHttpClient(), Duration.ofSeconds(1), clock);
        assertThat(transport.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(transport.retryAfter("Sat, 05 Dec 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(transport.retryAfter("Sat, 05 Dec 2026 09:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(transport.retryAfter("soon")).isNull();
    }

    @Test
    void theWebSocketAddressFollowsTheBaseUrl() {
        assertThat(Session.webSocketUri(URI.create("http://127.0.0.1:8080"), false)).hasToString("ws://127.0.0.1:8080/ws");
        assertThat(Session.webSocketUri(URI.create("https://hub.example:443/"), true)).hasToString("wss://hub.example:443/ws?batch=1");
    }
}
