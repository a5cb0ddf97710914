package io.tickhub.core.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trading calendar of the New York Stock Exchange and Nasdaq (they share it): trading days,
 * sessions and early closes, from the exchange's holiday rules. No maintained Java library
 * publishes it; the rules are those of NYSE Rule 7.2 as applied in its published calendars, and
 * {@code ExchangeCalendarTest} checks them against the calendars published for 2024 to 2027.
 *
 * <p>Immutable and thread-safe; the holidays of a year are computed once and cached.
 */
public final class ExchangeCalendar {

    /** NYSE and Nasdaq: every symbol the hub serves is placed on this calendar. */
    public static final ExchangeCalendar NYSE = new ExchangeCalendar();

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalTime PRE_OPEN = LocalTime.of(4, 0);
    static final LocalTime REGULAR_OPEN = LocalTime.of(9, 30);
    static final LocalTime REGULAR_CLOSE = LocalTime.of(16, 0);
    static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
    static final LocalTime POST_CLOSE = LocalTime.of(20, 0);

    /**
     * Closures the rules do not predict, announced by the exchange (national days of mourning and the
     * like); a new one is added here when NYSE announces it.
     */
    private static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(2018, 12, 5),  // President George H. W. Bush
            LocalDate.of(2025, 1, 9));  // President Jimmy Carter

    private final ConcurrentHashMap<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

    private ExchangeCalendar() {
    }

    /** The market's state at {@code instant}. */
    public MarketState stateAt(Instant instant) {
        return minuteOf(instant).state();
    }

    /**
     * Both answers for the minute of {@code instant}. Every session boundary (and so every trading
     * day's start) is on a whole minute: one zone conversion per minute, not per quote (the encoder
     * asks for every update it encodes).
     */
    private MinuteAnswers minuteOf(Instant instant) {
        long minute = Math.floorDiv(instant.toEpochMilli(), 60_000L);
        MinuteAnswers cached = lastMinute;
        if (cached != null && cached.minute() == minute) {
            return cached;
        }
        MinuteAnswers fresh = new MinuteAnswers(minute, computeStateAt(instant), computeTradingDayOf(instant));
        lastMinute = fresh;
        return fresh;
    }

    /** The answers for one minute, shared by every thread (replaced whole, never changed). */
    private record MinuteAnswers(long minute, MarketState state, LocalDate tradingDay) {
    }

    private volatile MinuteAnswers lastMinute;

    private MarketState computeStateAt(Instant instant) {
        ZonedDateTime local = instant.atZone(NEW_YORK);
        LocalDate day = local.toLocalDate();
        if (!isTradingDay(day)) {
            return MarketState.CLOSED;
        }
        LocalTime time = local.toLocalTime();
        if (time.isBefore(PRE_OPEN) || !time.isBefore(POST_CLOSE)) {
            return MarketState.CLOSED;
        }
        if (time.isBefore(REGULAR_OPEN)) {
            return MarketState.PRE;
        }
        return time.isBefore(regularCloseTime(day)) ? MarketState.REGULAR : MarketState.POST;
    }

    /**
     * The trading day a price made at {@code instant} belongs to: that day from its pre-market open
     * (04:00) on, else the trading day before. A quote on Saturday belongs to Friday's session, one at
     * 02:00 on Tuesday to Monday's.
     */
    public LocalDate tradingDayOf(Instant instant) {
        return minuteOf(instant).tradingDay();
    }

    private LocalDate computeTradingDayOf(Instant instant) {
        ZonedDateTime local = instant.atZone(NEW_YORK);
        LocalDate day = local.toLocalDate();
        if (isTradingDay(day) && !local.toLocalTime().isBefore(PRE_OPEN)) {
            return day;
        }
        return previousTradingDay(day);
    }

    /**
     * The instant the regular session of trading day {@code day} closes (16:00, or 13:00 on an early
     * close). Asked for every quote (its trading day's close), so the last day's answer is kept.
     */
    public Instant regularClose(LocalDate day) {
        DayClose cached = lastClose;
        if (cached != null && cached.day().equals(day)) {
            return cached.close();
        }
        Instant close = day.atTime(regularCloseTime(day)).atZone(NEW_YORK).toInstant();
        lastClose = new DayClose(day, close);
        return close;
    }

    /** The regular close of one day, shared by every thread (replaced whole, never changed). */
    private record DayClose(LocalDate day, Instant close) {
    }

    private volatile DayClose lastClose;

    /** The instant the regular session of {@code day} opens (09:30 New York time). */
    public Instant regularOpen(LocalDate day) {
        return day.atTime(REGULAR_OPEN).atZone(NEW_YORK).toInstant();
    }

    /** The last trading day strictly before {@code day}. */
    public LocalDate previousTradingDay(LocalDate day) {
        LocalDate d = day.minusDays(1);
        while (!isTradingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** The first trading day strictly after {@code day}. */
    public LocalDate nextTradingDay(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!isTradingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    public boolean isTradingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !isHoliday(day);
    }

    /** Whether the exchange is closed on this weekday: a holiday, observed holiday or special closure. */
    public boolean isHoliday(LocalDate day) {
        return holidays(day.getYear()).contains(day) || SPECIAL_CLOSURES.contains(day);
    }

    /**
     * Whether the regular session of this trading day closes at 13:00: the day before Independence Day
     * (July 3 on a weekday that is not itself the observed holiday), the day after Thanksgiving and
     * Christmas Eve (on a weekday that is not itself the observed holiday).
     */
    public boolean isEarlyClose(LocalDate day) {
        if (!isTradingDay(day)) {
            return false;
        }
        if (day.getMonth() == Month.NOVEMBER) {
            return day.equals(thanksgiving(day.getYear()).plusDays(1));
        }
        return day.equals(LocalDate.of(day.getYear(), Month.JULY, 3))
                || day.equals(LocalDate.of(day.getYear(), Month.DECEMBER, 24));
    }

    /** The full-day holidays of {@code year} by the exchange's rules, as observed, sorted. */
    public Set<LocalDate> holidays(int year) {
        return holidaysByYear.computeIfAbsent(year, ExchangeCalendar::holidaysOf);
    }

    private LocalTime regularCloseTime(LocalDate day) {
        return isEarlyClose(day) ? EARLY_CLOSE : REGULAR_CLOSE;
    }

    private static Set<LocalDate> holidaysOf(int year) {
        TreeSet<LocalDate> out = new TreeSet<>();
        // New Year's Day on a Saturday is not observed on the Friday before: that Friday closes a year.
        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
            out.add(observed(newYear));
        }
        out.add(nth(year, Month.JANUARY, 3, DayOfWeek.MONDAY));   // Martin Luther King Jr. Day
        out.add(nth(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY));  // Washington's Birthday
        out.add(easterSunday(year).minusDays(2));                  // Good Friday
        out.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))); // Memorial Day
        if (year >= 2022) {
            out.add(observed(LocalDate.of(year, Month.JUNE, 19))); // Juneteenth, a market holiday since 2022
        }
        out.add(observed(LocalDate.of(year, Month.JULY, 4)));      // Independence Day
        out.add(nth(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY));  // Labor Day
        out.add(thanksgiving(year));
        out.add(observed(LocalDate.of(year, Month.DECEMBER, 25))); // Christmas
        return Collections.unmodifiableSet(out);
    }

    /** A holiday on a Saturday is observed on the Friday before, one on a Sunday on the Monday after. */
    private static LocalDate observed(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.minusDays(1);
            case SUNDAY -> day.plusDays(1);
            default -> day;
        };
    }

    private static LocalDate thanksgiving(int year) {
        return nth(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY);
    }

    private static LocalDate nth(int year, Month month, int n, DayOfWeek dow) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    /** Western Easter Sunday: the anonymous Gregorian computus (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
