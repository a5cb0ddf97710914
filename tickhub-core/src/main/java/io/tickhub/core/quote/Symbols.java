package io.tickhub.core.quote;

import java.util.Locale;

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
        if (!isAlphabet(symbol)) {
            throw new InvalidSymbolException(raw,
                    "symbol may contain only letters, digits and . _ = : ^ - (and must not start with a punctuation mark other than ^)");
        }
        return symbol;
    }

    /**
     * {@code [A-Z0-9^][A-Z0-9._=:^-]*}, checked a character at a time: the sequencer normalises
     * every quote's symbol, and a regex matcher there cost an allocation and a few hundred
     * nanoseconds per quote.
     */
    private static boolean isAlphabet(String symbol) {
        char first = symbol.charAt(0);
        if (!isLetterOrDigit(first) && first != '^') {
            return false;
        }
        for (int i = 1; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '=' && c != ':' && c != '^' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
