package io.tickhub.core.news;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.provider.NewsSource;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewsPollerTest {

    private final ManualClock clock = ManualClock.at("2025-01-02T15:00:00Z");
    private final ProviderStatusBoard board = new ProviderStatusBoard(clock);
    private final NewsWire wire = new NewsWire(100);
    private final List<NewsItem> heard = new ArrayList<>();
    private final FakeSource source = new FakeSource();
    private final NewsPoller poller = new NewsPoller(source, List.of("AAPL", "MSFT"), Duration.ofMinutes(5), 2, wire,
            board, clock, ZoneId.of("America/New_York"), Runnable::run);

    NewsPollerTest() {
        wire.subscribe(heard::add);
    }

    @Test
    void newItemsArePublishedOldestFirstAndNotAgainOnTheNextPoll() {
        source.items.put("AAPL", List.of(item("b", 20), item("a", 10)));
        source.items.put("MSFT", List.of(item("c", 30)));

        poller.tick();
        clock.advance(Duration.ofMinutes(5));
        poller.tick();

        assertThat(heard).extracting(NewsItem::id).containsExactly("a", "b", "c");
        assertThat(source.calls).hasSize(4);
        assertThat(source.calls.get(0)).isEqualTo("AAPL 2025-01-01..2025-01-02");
        assertThat(board.get("finnhub_news").orElseThrow().quotes()).isEqualTo(3);
    }

    @Test
    void noPollBeforeTheIntervalHasPassed() {
        poller.tick();
        clock.advance(Duration.ofMinutes(4));
        poller.tick();

        assertThat(source.calls).hasSize(2);
    }

    @Test
    void oneFailingSymbolDoesNotStopTheOthersAndTheSourceBacksOff() {
        source.failing = "AAPL";
        source.items.put("MSFT", List.of(item("c", 30)));

        poller.tick();

        assertThat(heard).extracting(NewsItem::id).containsExactly("c");
        assertThat(board.get("finnhub_news").orElseThrow().state()).isEqualTo(ProviderState.DOWN);
        assertThat(board.get("finnhub_news").orElseThrow().message()).startsWith("AAPL: HTTP 502");
        clock.advance(Duration.ofMinutes(2)); // below the backoff's floor of half an interval
        poller.tick();
        assertThat(source.calls).hasSize(2);
    }

    private static NewsItem item(String id, int minute) {
        return new NewsItem(id, List.of("AAPL"), "Headline " + id, null, "Reuters", null,
                Instant.parse("2025-01-02T14:00:00Z").plusSeconds(60L * minute));
    }

    static final class FakeSource implements NewsSource {
        final Map<String, List<NewsItem>> items = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        String failing;

        @Override
        public String name() {
            return "finnhub";
        }

        @Override
        public List<NewsItem> news(String symbol, LocalDate from, LocalDate to) throws ProviderException {
            calls.add(symbol + " " + from + ".." + to);
            if (symbol.equals(failing)) {
                throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "HTTP 502 from /company-news");
            }
            return items.getOrDefault(symbol, List.of());
        }
    }
}
