package io.tickhub.server.http.compat;

import java.util.List;

/**
 * System E's ticker list: the ids {@code GET /api/v1/tickers} shows. When the hub simulates E's tickers
 * ({@code TICKER_COUNT} of them, {@code ITEM_00}...), they are E's list, so E's clients see exactly those
 * whatever else the hub carries (system A's {@code TICKERS}, polled or streamed symbols). A hub that simulates
 * none has no E list of its own: then E's route shows every symbol in the book.
 *
 * @param ids E's ticker ids, sorted as strings (the order E's route answers in); empty for every symbol
 */
public record PriceSystemTickers(List<String> ids) {

    public PriceSystemTickers {
        ids = ids.stream().sorted().toList();
    }

    /** No E tickers of its own: E's route lists every symbol in the book. */
    public static PriceSystemTickers everySymbol() {
        return new PriceSystemTickers(List.of());
    }

    public boolean isEverySymbol() {
        return ids.isEmpty();
    }
}
