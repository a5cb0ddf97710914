package io.tickhub.server.provider.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the lines of a replay file; stateless and thread-safe. A row is
 * {@code timestamp,symbol,price[,volume,bid,ask]}, the timestamp an ISO-8601 instant
 * ({@code 2024-01-02T14:30:00Z}, offsets allowed) or epoch milliseconds.
 */
final class ReplayCsv {

    /** Why a row was refused; the message is logged with the line number. */
    static final class BadRow extends Exception {
        BadRow(String message) {
            super(message, null, false, false);
        }
    }

    private ReplayCsv() {
    }

    /** Blank lines and {@code #} comments carry no row. */
    static boolean skipped(String line) {
        String s = stripBom(line).strip();
        return s.isEmpty() || s.startsWith("#");
    }

    /** Whether the file's first content line is a header: its first column is a word, not a time. */
    static boolean header(String line) {
        String first = unquote(stripBom(line).split(",", -1)[0].strip());
        return first.isEmpty() || !(Character.isDigit(first.charAt(0)) || first.charAt(0) == '-');
    }

    static ReplayRow parse(String line) throws BadRow {
        String[] cols = stripBom(line).split(",", -1);
        if (cols.length < 3 || cols.length > 6) {
            throw new BadRow("expected 3 to 6 columns (timestamp,symbol,price[,volume,bid,ask]), found " + cols.length);
        }
        Instant time = time(column(cols, 0));
        String symbol = column(cols, 1);
        if (symbol.isEmpty()) {
            throw new BadRow("empty symbol");
        }
        double price = number(column(cols, 2), "price");
        String volume = column(cols, 3);
        String bid = column(cols, 4);
        String ask = column(cols, 5);
        return new ReplayRow(time, symbol, price,
                volume.isEmpty() ? 0 : number(volume, "volume"),
                bid.isEmpty() ? null : number(bid, "bid"),
                ask.isEmpty() ? null : number(ask, "ask"));
    }

    private static Instant time(String text) throws BadRow {
        if (text.isEmpty()) {
            throw new BadRow("empty timestamp");
        }
        try {
            if (text.chars().allMatch(Character::isDigit) || text.startsWith("-") && text.length() > 1
                    && text.substring(1).chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            return Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadRow("timestamp '" + text + "' is neither an ISO-8601 instant nor epoch milliseconds");
        }
    }

    private static double number(String text, String name) throws BadRow {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the column's name
        }
        throw new BadRow(name + " '" + text + "' is not a finite number");
    }

    /** Column {@code i} trimmed and unquoted, or "" when the row is shorter. */
    private static String column(String[] cols, int i) {
        return i < cols.length ? unquote(cols[i].strip()) : "";
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
