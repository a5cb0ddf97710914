package io.tickhub.server.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The descriptor-exhaustion log on a listening channel whose clock the test moves: one warning when
 * accepts start failing, one line when they have worked for the settle time, and nothing in between
 * however often a freed descriptor lets one accept through.
 */
class AcceptFailuresTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AcceptFailures failures = new AcceptFailures(new LimitRefusals(registry),
            new ConnectionBudget(100_000, 2_000, false), SETTLE);
    private final Logger logger = (Logger) LoggerFactory.getLogger(AcceptFailures.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private EmbeddedChannel listening;

    @BeforeEach
    void listen() {
        logs.start();
        logger.addAppender(logs);
        // The second handler stands for Reactor Netty's acceptor, which takes the exception.
        listening = new EmbeddedChannel(failures, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // the acceptor pauses accepting for a second
            }
        });
        listening.freezeTime();
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        listening.finishAndReleaseAll();
    }

    @Test
    void anAcceptBetweenFailuresDoesNotEndTheEpisode() {
        failAccept();
        after(Duration.ofSeconds(1));
        failures.accepted();
        after(Duration.ofSeconds(1));
        failAccept();
        after(Duration.ofSeconds(1));
        failures.accepted();
        failAccept();
        after(Duration.ofSeconds(30));

        assertThat(lines()).containsExactly("WARN Cannot accept connections");
        assertThat(refused()).isEqualTo(3);

        // The settle found a failure last; the next accept looks again, and this time it is over.
        after(Duration.ofMillis(1));
        failures.accepted();
        after(SETTLE);
        assertThat(lines()).containsExactly("WARN Cannot accept connections", "INFO Accepting connections again");
        assertThat(logs.list.get(1).getFormattedMessage()).contains("after 3 failed accepts");
    }

    @Test
    void anEpisodeEndsOnceAcceptsHaveWorkedForTheSettleTime() {
        failAccept();
        after(Duration.ofSeconds(1));
        failAccept();
        after(Duration.ofSeconds(1));
        failures.accepted();
        after(SETTLE.minusMillis(1));
        assertThat(lines()).containsExactly("WARN Cannot accept connections");

        after(Duration.ofMillis(1));
        assertThat(lines()).containsExactly("WARN Cannot accept connections", "INFO Accepting connections again");
        assertThat(logs.list.get(1).getFormattedMessage()).contains("after 2 failed accepts");
    }

    @Test
    void anEpisodeEndsSettleAfterItsLastFailureWhenAnAcceptCameBetween() {
        failAccept();
        failures.accepted();
        after(Duration.ofSeconds(4));
        failAccept();
        after(Duration.ofSeconds(1));
        failures.accepted();
        after(Duration.ofSeconds(6));
        assertThat(lines()).containsExactly("WARN Cannot accept connections");

        after(Duration.ofSeconds(2));
        assertThat(lines()).containsExactly("WARN Cannot accept connections");
        after(Duration.ofSeconds(1));
        assertThat(lines()).containsExactly("WARN Cannot accept connections", "INFO Accepting connections again");
    }

    @Test
    void aSecondEpisodeIsSaidAgain() {
        failAccept();
        after(Duration.ofMillis(1));
        failures.accepted();
        after(SETTLE);
        failAccept();
        after(Duration.ofMillis(1));
        failures.accepted();
        after(SETTLE);

        assertThat(lines()).containsExactly("WARN Cannot accept connections", "INFO Accepting connections again",
                "WARN Cannot accept connections", "INFO Accepting connections again");
    }

    @Test
    void acceptsOutsideAnEpisodeAndOtherFailuresSayNothing() {
        failures.accepted();
        listening.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        after(SETTLE.multipliedBy(2));

        assertThat(lines()).isEmpty();
        assertThat(refused()).isZero();
    }

    private void failAccept() {
        listening.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
    }

    private void after(Duration time) {
        listening.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        listening.runScheduledPendingTasks();
    }

    private List<String> lines() {
        return logs.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage().replaceAll("(: | after ).*", ""))
                .toList();
    }

    private double refused() {
        return registry.find(LimitRefusals.METER).tag("limit", "descriptors").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
