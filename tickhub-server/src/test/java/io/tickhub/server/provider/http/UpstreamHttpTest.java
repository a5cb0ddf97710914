package io.tickhub.server.provider.http;

import static io.tickhub.server.provider.fake.SecretAssertions.assertNoKey;
import static io.tickhub.server.provider.fake.SecretAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.provider.ProviderException.Kind;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every HTTP provider inherits: status mapping, timeouts, redirects, ids, and messages without the query. */
class UpstreamHttpTest {

    private static final String KEY = "K3Y-THAT-MUST-NOT-LEAK";
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger ids = new AtomicInteger();
    private FakeUpstream upstream;
    private UpstreamHttp http;

    @BeforeEach
    void start() throws Exception {
        upstream = FakeUpstream.start();
        http = new UpstreamHttp(Duration.ofSeconds(5), clock, () -> "raw-" + ids.incrementAndGet());
    }

    @AfterEach
    void stop() {
        http.close();
        upstream.close();
    }

    private URI path(String path) {
        return UpstreamUris.resolve(upstream.baseUrl(), path, "symbol", "AAPL", "token", KEY);
    }

    @Test
    void anOkAnswerKeepsStatusBodyTypeTimeAndANewPayloadId() throws Exception {
        upstream.on("/q", FakeReply.json("{\"c\":1}"));

        var first = http.get(path("/q"), TIMEOUT);
        var second = http.get(path("/q"), TIMEOUT);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"c\":1}");
        assertThat(first.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(first.receivedAt()).isEqualTo(clock.instant());
        assertThat(first.where()).isEqualTo("127.0.0.1:" + upstream.baseUrl().getPort() + "/q");
        assertThat(first.payloadId()).isEqualTo("raw-1");
        assertThat(second.payloadId()).isEqualTo("raw-2");
    }

    @Test
    void defaultPayloadIdsAreShortAndCsvSafe() throws Exception {
        upstream.on("/q", FakeReply.json("{}"));
        try (var defaults = new UpstreamHttp(Duration.ofSeconds(5), clock)) {
            assertThat(defaults.get(path("/q"), TIMEOUT).payloadId()).matches("[A-Za-z0-9_-]{1,64}");
        }
    }

    @Test
    void aKeyEchoedInABodyIsMaskedInItsPayloadRecord() throws Exception {
        upstream.on("/q", FakeReply.json("{\"echo\":\"" + KEY + "\"}"));

        var payload = http.get(path("/q"), TIMEOUT).payload("p", "AAPL", KEY);

        assertThat(payload.body()).isEqualTo("{\"echo\":\"***\"}");
    }

    @Test
    void notFoundIsLeftToTheProvider() throws Exception {
        upstream.on("/q", FakeReply.json(404, "{}"));

        assertThat(http.get(path("/q"), TIMEOUT).notFound()).isTrue();
    }

    @Test
    void statusesMapToTheKindsTheRetryPolicyActsOn() {
        upstream.on("/429", FakeReply.json(429, "{}"));
        upstream.on("/401", FakeReply.json(401, "{}"));
        upstream.on("/403", FakeReply.json(403, "{}"));
        upstream.on("/500", FakeReply.json(500, "{}"));
        upstream.on("/503", FakeReply.json(503, "{}"));
        upstream.on("/400", FakeReply.json(400, "{}"));

        assertThat(failsWith(Kind.RATE_LIMITED, () -> http.get(path("/429"), TIMEOUT)).retryAfter()).isNull();
        failsWith(Kind.UNAUTHORIZED, () -> http.get(path("/401"), TIMEOUT));
        failsWith(Kind.UNAUTHORIZED, () -> http.get(path("/403"), TIMEOUT));
        failsWith(Kind.UNAVAILABLE, () -> http.get(path("/500"), TIMEOUT));
        failsWith(Kind.UNAVAILABLE, () -> http.get(path("/503"), TIMEOUT));
        failsWith(Kind.BAD_RESPONSE, () -> http.get(path("/400"), TIMEOUT));
    }

    @Test
    void aRedirectIsNotFollowedSoTheKeyStaysWithTheUpstream() {
        upstream.on("/moved", FakeReply.text(302, "").withHeader("Location", "/elsewhere"));

        var e = failsWith(Kind.BAD_RESPONSE, () -> http.get(path("/moved"), TIMEOUT));

        assertThat(e.getMessage()).contains("302");
        assertThat(upstream.requests()).hasSize(1);
    }

    @Test
    void messagesNameHostAndPathButNeverTheQuery() {
        upstream.on("/q", FakeReply.json(503, "{}"));

        var e = failsWith(Kind.UNAVAILABLE, () -> http.get(path("/q"), TIMEOUT));

        assertThat(e.getMessage()).isEqualTo("HTTP 503 from 127.0.0.1:" + upstream.baseUrl().getPort() + "/q");
        assertNoKey(e, KEY);
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        URI closed;
        try (var gone = FakeUpstream.start()) {
            closed = UpstreamUris.resolve(gone.baseUrl(), "/q", "token", KEY);
        }

        var e = failsWith(Kind.UNAVAILABLE, () -> http.get(closed, TIMEOUT));

        assertThat(e.getMessage()).startsWith("network error");
        assertNoKey(e, KEY);
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnavailable() {
        var release = new CountDownLatch(1);
        upstream.on("/slow", FakeReply.json("{}").heldUntil(release));
        try {
            var e = failsWith(Kind.UNAVAILABLE, () -> http.get(path("/slow"), TIMEOUT));

            assertThat(e.getMessage()).startsWith("no answer within 300 ms");
            assertNoKey(e, KEY);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBodyTricklingInAfterTheHeadersIsAlsoBoundedByTheTimeout() {
        var release = new CountDownLatch(1);
        upstream.on("/trickle", FakeReply.json("{\"c\":1}").bodyHeldUntil(release));
        try {
            failsWith(Kind.UNAVAILABLE, () -> http.get(path("/trickle"), TIMEOUT));
        } finally {
            release.countDown();
        }
    }
}
