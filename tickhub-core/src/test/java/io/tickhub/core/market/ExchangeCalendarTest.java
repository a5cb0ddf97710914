package io.tickhub.core.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Checked against the holiday and early-close calendars NYSE published for 2024 to 2027. */
class ExchangeCalendarTest {

    private final ExchangeCalendar nyse = ExchangeCalendar.NYSE;

    /** NYSE's published full-day closures, including the special closure of 9 January 2025. */
    private static final Map<Integer, List<String>> PUBLISHED_CLOSURES = Map.of(
            2024, List.of("2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19",
                    "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"),
            2025, List.of("2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
                    "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"),
            2026, List.of("2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19",
                    "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"),
            2027, List.of("2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18",
                    "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24"));

    /** NYSE's published early closes (13:00 New York time). */
    private static final Map<Integer, List<String>> PUBLISHED_EARLY_CLOSES = Map.of(
            2024, List.of("2024-07-03", "2024-11-29", "2024-12-24"),
            2025, List.of("2025-07-03", "2025-11-28", "2025-12-24"),
            2026, List.of("2026-11-27", "2026-12-24"),
            2027, List.of("2027-11-26"));

    static Stream<Arguments> years() {
        return Stream.of(2024, 2025, 2026, 2027).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("years")
    void weekdayClosuresOfTheYearAreExactlyThePublishedOnes(int year) {
        TreeSet<LocalDate> closedWeekdays = new TreeSet<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek().getValue() >= 6;
            if (!weekend && !nyse.isTradingDay(d)) {
                closedWeekdays.add(d);
            }
        }
        assertThat(closedWeekdays).containsExactlyElementsOf(
                PUBLISHED_CLOSURES.get(year).stream().map(LocalDate::parse).toList());
    }

    @ParameterizedTest
    @MethodSource("years")
    void earlyClosesOfTheYearAreExactlyThePublishedOnes(int year) {
        TreeSet<LocalDate> early = new TreeSet<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (nyse.isEarlyClose(d)) {
                early.add(d);
            }
        }
        assertThat(early).containsExactlyElementsOf(
                PUBLISHED_EARLY_CLOSES.get(year).stream().map(LocalDate::parse).toList());
    }

    @Test
    void newYearOnASaturdayIsNotObservedOnTheFridayBefore() {
        assertThat(nyse.isTradingDay(LocalDate.parse("2027-12-31"))).isTrue(); // 1 January 2028 is a Saturday
        assertThat(nyse.isTradingDay(LocalDate.parse("2021-12-31"))).isTrue();
    }

    @Test
    void easterSundayByTheComputus() {
        assertThat(ExchangeCalendar.easterSunday(2024)).isEqualTo("2024-03-31");
        assertThat(ExchangeCalendar.easterSunday(2025)).isEqualTo("2025-04-20");
        assertThat(ExchangeCalendar.easterSunday(2019)).isEqualTo("2019-04-21");
        assertThat(ExchangeCalendar.easterSunday(2038)).isEqualTo("2038-04-25");
        assertThat(ExchangeCalendar.easterSunday(2285)).isEqualTo("2285-03-22");
    }

    @Test
    void statesFollowTheSessionsInNewYorkTimeAcrossDaylightSaving() {
        // Tuesday 2026-03-10 (EDT, UTC-4) and Tuesday 2026-01-13 (EST, UTC-5).
        assertThat(nyse.stateAt(ny("2026-03-10T03:59:59"))).isEqualTo(MarketState.CLOSED);
        assertThat(nyse.stateAt(ny("2026-03-10T04:00:00"))).isEqualTo(MarketState.PRE);
        assertThat(nyse.stateAt(ny("2026-03-10T09:29:59"))).isEqualTo(MarketState.PRE);
        assertThat(nyse.stateAt(ny("2026-03-10T09:30:00"))).isEqualTo(MarketState.REGULAR);
        assertThat(nyse.stateAt(ny("2026-03-10T15:59:59"))).isEqualTo(MarketState.REGULAR);
        assertThat(nyse.stateAt(ny("2026-03-10T16:00:00"))).isEqualTo(MarketState.POST);
        assertThat(nyse.stateAt(ny("2026-03-10T19:59:59"))).isEqualTo(MarketState.POST);
        assertThat(nyse.stateAt(ny("2026-03-10T20:00:00"))).isEqualTo(MarketState.CLOSED);
        assertThat(nyse.stateAt(ny("2026-01-13T09:30:00"))).isEqualTo(MarketState.REGULAR);
        assertThat(ny("2026-01-13T09:30:00").toString()).isEqualTo("2026-01-13T14:30:00Z");
        assertThat(ny("2026-03-10T09:30:00").toString()).isEqualTo("2026-03-10T13:30:00Z");
    }

    @Test
    void weekendsHolidaysAndEarlyClosesHaveTheirStates() {
        assertThat(nyse.stateAt(ny("2026-03-14T12:00:00"))).isEqualTo(MarketState.CLOSED); // Saturday
        assertThat(nyse.stateAt(ny("2026-04-03T12:00:00"))).isEqualTo(MarketState.CLOSED); // Good Friday
        assertThat(nyse.stateAt(ny("2026-11-27T12:59:59"))).isEqualTo(MarketState.REGULAR); // after Thanksgiving
        assertThat(nyse.stateAt(ny("2026-11-27T13:00:00"))).isEqualTo(MarketState.POST);
        assertThat(nyse.regularClose(LocalDate.parse("2026-12-24"))).isEqualTo(ny("2026-12-24T13:00:00"));
        assertThat(nyse.regularClose(LocalDate.parse("2026-12-23"))).isEqualTo(ny("2026-12-23T16:00:00"));
    }

    @Test
    void aPriceBelongsToTheTradingDayWhosePreMarketHasOpened() {
        assertThat(nyse.tradingDayOf(ny("2026-03-10T03:59:00"))).isEqualTo("2026-03-09");
        assertThat(nyse.tradingDayOf(ny("2026-03-10T04:00:00"))).isEqualTo("2026-03-10");
        assertThat(nyse.tradingDayOf(ny("2026-03-10T23:00:00"))).isEqualTo("2026-03-10");
        assertThat(nyse.tradingDayOf(ny("2026-03-15T12:00:00"))).isEqualTo("2026-03-13"); // Sunday: Friday's
        assertThat(nyse.tradingDayOf(ny("2026-04-06T05:00:00"))).isEqualTo("2026-04-06");
        assertThat(nyse.previousTradingDay(LocalDate.parse("2026-04-06"))).isEqualTo("2026-04-02"); // over Good Friday
        assertThat(nyse.nextTradingDay(LocalDate.parse("2026-04-02"))).isEqualTo("2026-04-06");
    }

    private static java.time.Instant ny(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), ExchangeCalendar.NEW_YORK).toInstant();
    }
}
