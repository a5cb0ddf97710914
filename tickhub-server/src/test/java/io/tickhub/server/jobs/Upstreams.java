package io.tickhub.server.jobs;

import io.tickhub.server.provider.fake.FakeReply;
import io.tickhub.server.provider.fake.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One local fake of Yahoo, Alpha Vantage and Finnhub REST, speaking their wire formats, and the hub pointed at it. */
public final class Upstreams {

    static final String AV_KEY = "av-secret-key-0042";
    static final String FINNHUB_KEY = "fh-secret-key-0043";

    private Upstreams() {
    }

    public static FakeUpstream start() {
        try {
            return FakeUpstream.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every provider at the fake, with keys; the Finnhub stream off (its own tests run a WebSocket fake). */
    static void pointAt(FakeUpstream fake, DynamicPropertyRegistry registry) {
        registry.add("tickhub.providers.yahoo.base-url", fake::baseUrl);
        registry.add("tickhub.providers.yahoo.timeout", () -> "2s");
        registry.add("tickhub.providers.alpha-vantage.base-url", fake::baseUrl);
        registry.add("tickhub.providers.alpha-vantage.api-key", () -> AV_KEY);
        registry.add("tickhub.providers.finnhub.base-url", () -> fake.baseUrl("/api/v1"));
        registry.add("tickhub.providers.finnhub.api-key", () -> FINNHUB_KEY);
        registry.add("tickhub.providers.finnhub.stream-enabled", () -> "false");
    }

    /** Yahoo's chart answer (the fields yfinance's fast_info reads), observed at {@code epochSeconds}. */
    public static FakeReply yahooChart(String symbol, double price, long epochSeconds) {
        return FakeReply.json(("{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"%s\","
                + "\"exchangeName\":\"NMS\",\"instrumentType\":\"EQUITY\",\"regularMarketTime\":%d,"
                + "\"regularMarketPrice\":%s,\"regularMarketVolume\":1000,\"chartPreviousClose\":%s},"
                + "\"timestamp\":[%d],\"indicators\":{\"quote\":[{\"close\":[%s]}]}}],\"error\":null}}")
                .formatted(symbol, epochSeconds, num(price), num(price), epochSeconds, num(price)));
    }

    public static String yahooPath(String symbol) {
        return "/v8/finance/chart/" + symbol;
    }

    /** Finnhub's {@code /quote} answer. */
    static FakeReply finnhubQuote(double price, long epochSeconds) {
        return FakeReply.json("{\"c\":%s,\"d\":0.5,\"dp\":0.2,\"h\":%s,\"l\":%s,\"o\":%s,\"pc\":%s,\"t\":%d}"
                .formatted(num(price), num(price), num(price), num(price), num(price), epochSeconds));
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
