package io.tickhub.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The start-up warm-up goes through the real stream path: every session is upgraded, subscribes,
 * gets its answer and is closed, so the hub holds none of them afterwards; the held sessions read
 * the live feed for the hold, then are closed too, and the stalled ones on {@code "*"} fall behind and
 * are conflated before they are closed.
 */
@HubTest
@TestPropertySource(properties = {"tickhub.stream.warm-up-connections=24", "tickhub.stream.warm-up-held-sessions=4",
        "tickhub.stream.warm-up-hold=1500ms",
        // Small buffers, so the stalled sessions on "*" fall behind within the test's hold and feed.
        "tickhub.stream.socket-send-buffer=4KB", "tickhub.stream.write-buffer-low=1KB",
        "tickhub.stream.write-buffer-high=2KB", "tickhub.stream.buffer-messages=16"})
@Timeout(60)
class StreamWarmUpTest {

    @LocalServerPort
    int port;
    @Autowired
    StreamWarmUp warmUp;
    @Autowired
    FanOut fanOut;
    @Autowired
    MeterRegistry meters;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    Book book;
    @Autowired
    IngestPipeline ingest;
    @Autowired
    ManualClock clock;

    @Test
    void theStartUpWarmUpRanItsSessionsThroughTheStreamAndLeftNoneOpen() {
        // The runner ran before the context was handed to this test: its sessions sent messages.
        assertThat(meters.get("tickhub.stream.messages.sent").counter().count()).isGreaterThanOrEqualTo(24);
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.connections() == 0);
    }

    @Test
    void everyWarmUpSessionIsAnsweredInBothFormats() {
        StreamWarmUp.Result result = warmUp.warm(port, null);
        assertThat(result.firstFailure()).isNull();
        assertThat(result.completed()).isEqualTo(24);
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.connections() == 0);
    }

    @Test
    void theHeldSessionsReadTheLiveFeedForTheHoldAndAreThenClosed() throws Exception {
        for (int i = 0; i < 10; i++) {
            feed.prices("WARM" + i, 100);
        }
        List<String> symbols = List.copyOf(book.symbols());
        HeldWarmUp heldWarmUp = new HeldWarmUp(4, Duration.ofMillis(1500), book);
        CompletableFuture<HeldWarmUp.Result> held = CompletableFuture.supplyAsync(() -> heldWarmUp.hold(port, null));
        // The feed runs while they are held: every symbol of the book, a round a millisecond.
        for (int round = 0; !held.isDone() && round < 20_000; round++) {
            clock.advance(Duration.ofMillis(1));
            for (String symbol : symbols) {
                ingest.submit(new RawQuote(symbol, 100 + round % 7, null, null, 0, QuoteFeeder.PROVIDER, clock.instant()));
            }
            LockSupport.parkNanos(1_000_000);
        }
        HeldWarmUp.Result result = held.get(30, TimeUnit.SECONDS);

        assertThat(result.firstFailure()).isNull();
        assertThat(result.completed()).isEqualTo(4);
        assertThat(result.stalled().stalled()).as("stalled sessions on *").isEqualTo(StalledWarmUp.SESSIONS);
        assertThat(result.stalled().caughtUp()).as("stalled sessions that read again and got conflated updates")
                .isPositive();
        // Greetings and snapshots alone are a dozen a session: the two native sessions (one message
        // per update) read live updates as long as the hold lasted.
        assertThat(result.messages()).isGreaterThan(2 * 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> fanOut.connections() == 0);
    }

    @Test
    void aSessionTheHubRefusesIsCountedAsFailedNotWaitedFor() {
        // A credential the hub does not know: every upgrade is refused (401), none hangs.
        StreamWarmUp.Result result = warmUp.warm(port, "Bearer thk_aaaaaaaaaaaa_" + "b".repeat(43));
        assertThat(result.completed()).isZero();
        assertThat(result.firstFailure()).isNotNull();
    }
}
