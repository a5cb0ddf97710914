package io.tickhub.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.market.TradingDay;
import io.tickhub.core.quote.Quote;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Change is measured from the previous session's close, as quote services do; the day's range follows the ticks. */
class PreviousCloseTest {

    private final Book book = new Book(100);
    private long seq;

    @Test
    void untilTheHubHasSeenASessionCloseTheReferenceIsTheFirstPrice() {
        apply("2026-03-10T10:00:00", 100);
        apply("2026-03-10T11:00:00", 104);

        assertThat(book.reference("AAPL", 0)).isEqualTo(100);
        assertThat(book.tradingDay("AAPL").orElseThrow().hasPreviousClose()).isFalse();
    }

    @Test
    void theReferenceIsTheLastPriceAtOrBeforeTheRegularCloseOfThePreviousTradingDay() {
        apply("2026-03-10T10:00:00", 100);
        apply("2026-03-10T15:59:59", 110);  // the close
        apply("2026-03-10T17:00:00", 115);  // post-market: not the close
        apply("2026-03-11T03:00:00", 116);  // still Tuesday's session day (before 04:00)
        assertThat(book.reference("AAPL", 0)).isEqualTo(100);

        apply("2026-03-11T04:30:00", 118);  // Wednesday's pre-market: Tuesday is the previous session
        assertThat(book.reference("AAPL", 0)).isEqualTo(110);
        TradingDay day = book.tradingDay("AAPL").orElseThrow();
        assertThat(day.day()).isEqualTo(LocalDate.parse("2026-03-11"));
        assertThat(day.open()).isEqualTo(118);
    }

    @Test
    void aWeekendAndAHolidayAreSkippedAndAnEarlyCloseEndsTheSessionAt13() {
        apply("2026-11-27T12:59:00", 50);   // day after Thanksgiving, early close at 13:00
        apply("2026-11-27T13:30:00", 51);
        apply("2026-11-30T09:31:00", 52);   // Monday
        assertThat(book.reference("AAPL", 0)).isEqualTo(50);
        assertThat(book.firstAndLatest("AAPL").orElseThrow().reference()).isEqualTo(50);
    }

    @Test
    void theDaysHighLowAndVolumeAreThoseOfItsTicksAndStartAgainEachDay() {
        apply("2026-03-10T10:00:00", 100, 300);
        apply("2026-03-10T10:01:00", 97, 200);
        apply("2026-03-10T10:02:00", 103, 100);
        TradingDay day = book.tradingDay("AAPL").orElseThrow();
        assertThat(day.high()).isEqualTo(103);
        assertThat(day.low()).isEqualTo(97);
        assertThat(day.volume()).isEqualTo(600);

        apply("2026-03-11T09:30:00", 101, 50);
        day = book.tradingDay("AAPL").orElseThrow();
        assertThat(day.high()).isEqualTo(101);
        assertThat(day.low()).isEqualTo(101);
        assertThat(day.volume()).isEqualTo(50);
        assertThat(day.previousClose()).isEqualTo(103);
    }

    @Test
    void aLateQuoteOfAnEarlierDayDoesNotMoveTheDayBack() {
        apply("2026-03-10T15:00:00", 100);
        apply("2026-03-11T10:00:00", 105);
        apply("2026-03-10T15:30:00", 90);  // delivered late, stamped Tuesday

        TradingDay day = book.tradingDay("AAPL").orElseThrow();
        assertThat(day.day()).isEqualTo(LocalDate.parse("2026-03-11"));
        assertThat(day.previousClose()).isEqualTo(100);
        assertThat(day.low()).isEqualTo(105);
    }

    @Test
    void aPreviousCloseFromTheStoreFillsOnlyAMissingOne() {
        apply("2026-03-11T10:00:00", 105);
        book.restorePreviousClose("AAPL", 99);
        assertThat(book.reference("AAPL", 0)).isEqualTo(99);

        book.restorePreviousClose("AAPL", 50);
        assertThat(book.reference("AAPL", 0)).isEqualTo(99);
    }

    private void apply(String newYorkTime, double price) {
        apply(newYorkTime, price, 100);
    }

    private void apply(String newYorkTime, double price, double volume) {
        Instant at = LocalDateTime.parse(newYorkTime).atZone(ZoneId.of("America/New_York")).toInstant();
        seq++;
        book.apply(new Quote("AAPL", price, null, null, volume, "test", at, Instant.EPOCH.plusSeconds(seq), seq));
    }
}
