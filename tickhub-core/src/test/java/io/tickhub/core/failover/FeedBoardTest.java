package io.tickhub.core.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedBoardTest {

    private final ManualClock clock = new ManualClock();
    private final List<FeedStatus> changes = new ArrayList<>();
    private final FeedBoard board = new FeedBoard(new FailoverPolicy(List.of("finnhub", "yfinance", "simulator"),
            Map.of("MSFT", List.of("yfinance", "finnhub")), 3), clock, changes::add);

    @Test
    void symbolsNoJobExpectsAndUnexpectedProvidersAreAlwaysAdmitted() {
        board.expect("AAPL", "finnhub", Duration.ofSeconds(10));

        assertThat(board.admit("TSLA", "yfinance")).isTrue();
        assertThat(board.admit("AAPL", "alpha_vantage")).isTrue();
    }

    @Test
    void aStandbyProviderIsDroppedWhileThePreferredOneIsFresh() {
        twoFeedsOfAapl();
        assertThat(board.admit("AAPL", "finnhub")).isTrue();

        clock.advance(Duration.ofSeconds(5));

        assertThat(board.admit("AAPL", "yfinance")).isFalse();
        assertThat(board.admit("AAPL", "finnhub")).isTrue();
    }

    @Test
    void theNextProviderServesOnceThePreferredIsSilentForKIntervals() {
        twoFeedsOfAapl();
        board.admit("AAPL", "finnhub");
        board.check();

        clock.advance(Duration.ofSeconds(31)); // k = 3 intervals of 10 s
        assertThat(board.admit("AAPL", "yfinance")).isTrue();
        board.check();

        FeedStatus status = board.status("AAPL").orElseThrow();
        assertThat(status.serving()).isEqualTo("yfinance");
        assertThat(status.preferred()).isEqualTo("finnhub");
        assertThat(status.failedOver()).isTrue();
        assertThat(status.stale()).isFalse();
        assertThat(status.since()).isEqualTo(clock.instant());
        assertThat(board.failoverCount()).isEqualTo(1);
        assertThat(changes).extracting(FeedStatus::serving).containsExactly("yfinance");
    }

    @Test
    void thePreferredProviderTakesOverAgainWhenItDelivers() {
        twoFeedsOfAapl();
        board.admit("AAPL", "finnhub");
        clock.advance(Duration.ofSeconds(31));
        board.admit("AAPL", "yfinance");
        board.check();

        assertThat(board.admit("AAPL", "finnhub")).isTrue();
        assertThat(board.admit("AAPL", "yfinance")).isFalse();
        board.check();

        assertThat(board.status("AAPL").orElseThrow().serving()).isEqualTo("finnhub");
        assertThat(board.failedOverCount()).isZero();
        assertThat(changes).extracting(FeedStatus::serving).containsExactly("yfinance", "finnhub");
    }

    @Test
    void aSymbolWithNoFreshFeedIsStaleUntilOneDelivers() {
        board.expect("AAPL", "yfinance", Duration.ofSeconds(10));
        board.heard("AAPL", "yfinance");
        board.check();
        assertThat(board.status("AAPL").orElseThrow().stale()).isFalse();

        clock.advance(Duration.ofSeconds(30));
        board.check();
        assertThat(board.status("AAPL").orElseThrow().stale()).isFalse(); // exactly k intervals: still fresh

        clock.advance(Duration.ofSeconds(1));
        board.check();
        assertThat(board.status("AAPL").orElseThrow().stale()).isTrue();
        assertThat(board.staleCount()).isEqualTo(1);

        board.heard("AAPL", "yfinance");
        board.check();
        assertThat(board.status("AAPL").orElseThrow().stale()).isFalse();
        assertThat(changes).extracting(FeedStatus::stale).containsExactly(true, false);
    }

    @Test
    void aPerSymbolPriorityOverridesTheDefault() {
        board.expect("MSFT", "finnhub", Duration.ofSeconds(10));
        board.expect("MSFT", "yfinance", Duration.ofSeconds(10));

        board.admit("MSFT", "yfinance");

        assertThat(board.admit("MSFT", "finnhub")).isFalse();
    }

    @Test
    void aFeedExpectedByTwoJobsStaysUntilBothLetGoAndKeepsTheShorterInterval() {
        board.expect("AAPL", "yfinance", Duration.ofSeconds(60));
        board.expect("AAPL", "yfinance", Duration.ofSeconds(5));
        board.heard("AAPL", "yfinance");
        board.check();
        assertThat(board.status("AAPL").orElseThrow().feeds()).singleElement()
                .satisfies(f -> assertThat(f.interval()).isEqualTo(Duration.ofSeconds(5)));

        board.unexpect("AAPL", "yfinance");
        assertThat(board.status("AAPL")).isPresent();

        board.unexpect("AAPL", "yfinance");
        assertThat(board.status("AAPL")).isEmpty();
        assertThat(board.admit("AAPL", "anything")).isTrue();
    }

    private void twoFeedsOfAapl() {
        board.expect("AAPL", "yfinance", Duration.ofSeconds(10));
        board.expect("AAPL", "finnhub", Duration.ofSeconds(10));
    }
}
