package io.tickhub.core.quote;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Symbol normalisation and validation. Symbols are matched case-insensitively and kept upper-case.
 *
 * <p>The accepted alphabet covers the forms real providers use: {@code BRK.B}, {@code ^GSPC},
 * {@code EURUSD=X}, {@code BTC-USD}, {@code BINANCE:BTCUSDT}, {@code ITEM_07}. It excludes
 * whitespace, quotes, slashes and anything that could escape a URL path, a Kafka key or a SQL literal.
 */
public final class Symbols {

    /** Longest symbol accepted; the longest real ones (exchange-prefixed crypto pairs) are ~20. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern VALID = Pattern.compile("[A-Z0-9^][A-Z0-9._=:^-]{0," + (MAX_LENGTH - 1) + "}");

    private Symbols() {
    }

    /**
     * Trims and upper-cases {@code raw} and checks it.
     *
     * @throws InvalidSymbolException with a message fit to show a client
     */
    public static String normalize(String raw) {
        if (raw == null) {
            throw new InvalidSymbolException(null, "symbol is required");
        }
        // strip(), not trim(): trim() would also drop control characters such as NUL, and "AAPL\0" must be refused.
        String symbol = raw.strip().toUpperCase(Locale.ROOT);
        if (symbol.isEmpty()) {
            throw new InvalidSymbolException(raw, "symbol must not be empty");
        }
        if (symbol.length() > MAX_LENGTH) {
            throw new InvalidSymbolException(raw, "symbol is longer than " + MAX_LENGTH + " characters");
        }
        if (!VALID.matcher(symbol).matches()) {
            throw new InvalidSymbolException(raw,
                    "symbol may contain only letters, digits and . _ = : ^ - (and must not start with a punctuation mark other than ^)");
        }
        return symbol;
    }

    /** True when {@code raw} normalises without error. */
    public static boolean isValid(String raw) {
        try {
            normalize(raw);
            return true;
        } catch (InvalidSymbolException e) {
            return false;
        }
    }
}
