package io.tickhub.bench.store;

import io.tickhub.core.quote.Quote;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ticks every measurement stores, built once before any clock starts so that generating them
 * is never timed. Symbols {@code ITEM_000..}, taken in turn so each symbol's seq counts 1, 2, 3...
 * as the hub numbers them; each price walks randomly from 10..500 in cents, with a bid and an ask
 * around it, a whole-share volume, provider {@code simulator} and hub times 10 µs apart (the pace of
 * 100,000 ticks/s; {@link #overDay}: spread over one day) at the hub's microsecond precision.
 * Seeded: every run stores the same rows.
 */
public final class SyntheticQuotes {
  public static final int SYMBOLS = 500;
  static final String PROVIDER = "simulator";
  private static final long HUB_STEP_NANOS = 10_000;

  private SyntheticQuotes() {}

  public static String symbol(int index) {
    return String.format("ITEM_%03d", index);
  }

  public static List<Quote> build(int count) {
    return build(count, Instant.now().truncatedTo(ChronoUnit.SECONDS), HUB_STEP_NANOS);
  }

  /**
   * The same walk with hub times spread evenly over the UTC day that starts at {@code dayStart} (the
   * tick store comparison's data: a day of ticks to cut into one-minute bars), at whole microseconds.
   */
  public static List<Quote> overDay(int count, Instant dayStart) {
    return build(count, dayStart, ChronoUnit.DAYS.getDuration().toNanos() / count);
  }

  private static List<Quote> build(int count, Instant start, long hubStepNanos) {
    SplittableRandom random = new SplittableRandom(20_240_501L);
    String[] symbols = new String[SYMBOLS];
    double[] prices = new double[SYMBOLS];
    for (int s = 0; s < SYMBOLS; s++) {
      symbols[s] = symbol(s);
      prices[s] = 10 + random.nextDouble(490);
    }
    List<Quote> quotes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int s = i % SYMBOLS;
      prices[s] = Math.max(0.01, prices[s] * (1 + random.nextGaussian() * 0.0005));
      double price = cents(prices[s]);
      double halfSpread = Math.max(0.01, cents(price * 0.0001));
      Instant hubTime = start.plusNanos(i * hubStepNanos).truncatedTo(ChronoUnit.MICROS);
      // Providers stamp in milliseconds, a little before the hub sees the tick.
      Instant providerTime = hubTime.minusMillis(1 + random.nextInt(20)).truncatedTo(ChronoUnit.MILLIS);
      quotes.add(new Quote(symbols[s], price, cents(price - halfSpread), cents(price + halfSpread),
          1 + random.nextInt(1_000), PROVIDER, providerTime, hubTime, i / SYMBOLS + 1));
    }
    return quotes;
  }

  private static double cents(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
