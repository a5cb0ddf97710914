package io.tickhub.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderStatusBoardTest {

    private final ManualClock clock = ManualClock.at("2025-01-02T14:30:00Z");
    private final ProviderStatusBoard board = new ProviderStatusBoard(clock);

    @Test
    void startingProviderHasNothingYet() {
        board.starting("yfinance");

        assertThat(board.get("yfinance")).contains(
                new ProviderStatus("yfinance", ProviderState.STARTING, null, null, null, 0, null));
    }

    @Test
    void successMakesItUpCountsQuotesAndStampsTheClock() {
        board.starting("yfinance");

        board.succeeded("yfinance", 5);
        clock.advance(Duration.ofSeconds(30));
        board.succeeded("yfinance", 3);

        ProviderStatus status = board.get("yfinance").orElseThrow();
        assertThat(status.state()).isEqualTo(ProviderState.UP);
        assertThat(status.quotes()).isEqualTo(8);
        assertThat(status.lastSuccess()).isEqualTo(Instant.parse("2025-01-02T14:30:30Z"));
        assertThat(status.lastError()).isNull();
        assertThat(status.message()).isNull();
    }

    @Test
    void failureKeepsLastSuccessAndQuotesAndSaysWhy() {
        board.succeeded("finnhub", 4);
        clock.advance(Duration.ofMinutes(1));

        board.failed("finnhub", "HTTP 429 Too Many Requests");

        ProviderStatus status = board.get("finnhub").orElseThrow();
        assertThat(status.state()).isEqualTo(ProviderState.DOWN);
        assertThat(status.lastSuccess()).isEqualTo(Instant.parse("2025-01-02T14:30:00Z"));
        assertThat(status.lastError()).isEqualTo(Instant.parse("2025-01-02T14:31:00Z"));
        assertThat(status.message()).isEqualTo("HTTP 429 Too Many Requests");
        assertThat(status.quotes()).isEqualTo(4);
    }

    @Test
    void recoveryClearsTheMessageButKeepsTheLastError() {
        board.failed("finnhub", "timeout");
        clock.advance(Duration.ofSeconds(10));

        board.succeeded("finnhub", 1);

        ProviderStatus status = board.get("finnhub").orElseThrow();
        assertThat(status.state()).isEqualTo(ProviderState.UP);
        assertThat(status.message()).isNull();
        assertThat(status.lastError()).isEqualTo(Instant.parse("2025-01-02T14:30:00Z"));
        assertThat(status.lastSuccess()).isEqualTo(Instant.parse("2025-01-02T14:30:10Z"));
    }

    @Test
    void failureBeforeAnySuccessHasNoLastSuccess() {
        board.starting("alphavantage");

        board.failed("alphavantage", "invalid API key");

        assertThat(board.get("alphavantage").orElseThrow().lastSuccess()).isNull();
    }

    @Test
    void disabledKeepsHistoryAndReason() {
        board.succeeded("alphavantage", 2);

        board.disabled("alphavantage", "no API key configured");

        ProviderStatus status = board.get("alphavantage").orElseThrow();
        assertThat(status.state()).isEqualTo(ProviderState.DISABLED);
        assertThat(status.message()).isEqualTo("no API key configured");
        assertThat(status.quotes()).isEqualTo(2);
        assertThat(status.lastSuccess()).isEqualTo(Instant.parse("2025-01-02T14:30:00Z"));
    }

    @Test
    void unknownProviderIsAbsent() {
        assertThat(board.get("nobody")).isEmpty();
    }

    @Test
    void allIsSortedByName() {
        board.starting("yfinance");
        board.starting("alphavantage");
        board.starting("simulator");

        assertThat(board.all()).extracting(ProviderStatus::name).containsExactly("alphavantage", "simulator", "yfinance");
    }

    @Test
    void allUpWhenEveryEnabledProviderIsUp() {
        board.succeeded("simulator", 10);
        board.succeeded("yfinance", 1);
        board.disabled("alphavantage", "no API key");

        assertThat(board.allEnabledUp()).isTrue();
    }

    @Test
    void aPollingProviderNoJobNamesIsIdleNotStarting() {
        board.succeeded("simulator", 10);
        board.idle("yfinance");

        assertThat(board.get("yfinance").orElseThrow().state()).isEqualTo(ProviderState.IDLE);
        assertThat(board.allEnabledUp()).isTrue();
    }

    @Test
    void aProviderStillStartingIsNotUp() {
        board.succeeded("yfinance", 1);
        board.starting("simulator");

        assertThat(board.allEnabledUp()).isFalse();

        board.succeeded("simulator", 10);
        assertThat(board.allEnabledUp()).isTrue();
    }

    @Test
    void aRateLimitedProviderIsFailing() {
        board.succeeded("yfinance", 1);
        board.rateLimited("yfinance", clock.instant().plusSeconds(60), "HTTP 429");

        assertThat(board.allEnabledUp()).isFalse();
        assertThat(board.get("yfinance").orElseThrow().rateLimitedUntil()).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void failingWhileOneIsDown() {
        board.succeeded("simulator", 10);
        board.succeeded("yfinance", 1);
        board.failed("yfinance", "timeout");

        assertThat(board.allEnabledUp()).isFalse();
    }

    @Test
    void emptyBoardCountsAsAllUp() {
        assertThat(board.allEnabledUp()).isTrue();
    }

    @Test
    void concurrentReportsLoseNoQuotes() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    board.succeeded("simulator", 2);
                    if (i % 100 == 0) {
                        board.failed("simulator", "blip");
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(board.get("simulator").orElseThrow().quotes()).isEqualTo(4 * 5_000 * 2);
    }
}
