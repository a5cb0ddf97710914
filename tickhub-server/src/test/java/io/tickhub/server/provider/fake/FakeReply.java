package io.tickhub.server.provider.fake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Immutable: one scripted answer of a {@link FakeUpstream}.
 *
 * @param hold     when set, the answer waits until the test counts it down
 * @param holdBody whether the hold comes after the headers (a body trickling in) rather than before them
 */
public record FakeReply(int status, String body, Map<String, String> headers, CountDownLatch hold, boolean holdBody) {

    public FakeReply {
        headers = Map.copyOf(headers);
    }

    /** A JSON answer, as the real upstreams send it. */
    public static FakeReply json(int status, String body) {
        return new FakeReply(status, body, Map.of("Content-Type", "application/json; charset=utf-8"), null, false);
    }

    public static FakeReply json(String body) {
        return json(200, body);
    }

    /** A plain-text answer (Yahoo's 429, a proxy's 502 page). */
    public static FakeReply text(int status, String body) {
        return new FakeReply(status, body, Map.of("Content-Type", "text/plain; charset=utf-8"), null, false);
    }

    public FakeReply withHeader(String name, String value) {
        var all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new FakeReply(status, body, all, hold, holdBody);
    }

    /** Not a byte is sent until {@code release} is counted down. */
    public FakeReply heldUntil(CountDownLatch release) {
        return new FakeReply(status, body, headers, release, false);
    }

    /** Status, headers and the body's first byte at once, the rest only once {@code release} is counted down. */
    public FakeReply bodyHeldUntil(CountDownLatch release) {
        return new FakeReply(status, body, headers, release, true);
    }
}
