package io.tickhub.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Transport} the test plays the hub on: each {@link #open} is recorded and answered at
 * once, accepted or refused as the test set up; the test then sends frames and closes.
 */
final class FakeTransport implements Transport {

    /** One connection attempt and, when accepted, the connection. */
    static final class Attempt implements Connection {
        final URI uri;
        final Map<String, String> headers;
        final Events events;
        final List<String> sent = new ArrayList<>();
        boolean closed;

        Attempt(URI uri, Map<String, String> headers, Events events) {
            this.uri = uri;
            this.headers = headers;
            this.events = events;
        }

        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public void close(int code, String reason) {
            closed = true;
        }

        @Override
        public void abort() {
            closed = true;
        }

        /** The hub sends a frame. */
        void hub(String frame) {
            events.text(frame);
        }

        void hubCloses(int code, String reason) {
            events.closed(code, reason);
        }
    }

    final List<Attempt> attempts = new ArrayList<>();
    /** The open of the next attempt completes only when the test completes it (see {@link #holdNext}). */
    CompletableFuture<Connection> held;
    private boolean holdNext;
    private final ArrayList<RuntimeException> refusals = new ArrayList<>();

    /** The next attempt is refused with this (an {@link UpgradeRefusedException}, an I/O error...). */
    void refuseNext(RuntimeException refusal) {
        refusals.add(refusal);
    }

    /** The next open is not answered at once: the test completes {@link #held} when it wants. */
    void holdNext() {
        holdNext = true;
    }

    Attempt last() {
        return attempts.get(attempts.size() - 1);
    }

    @Override
    public CompletableFuture<Connection> open(URI uri, Map<String, String> headers, Events events) {
        Attempt attempt = new Attempt(uri, headers, events);
        attempts.add(attempt);
        if (!refusals.isEmpty()) {
            return CompletableFuture.failedFuture(refusals.remove(0));
        }
        if (holdNext) {
            holdNext = false;
            held = new CompletableFuture<>();
            return held;
        }
        return CompletableFuture.completedFuture(attempt);
    }
}
