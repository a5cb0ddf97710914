package io.tickhub.server.http.api;

import java.util.List;

/**
 * Latest quotes.
 *
 * @param quotes  one per symbol, sorted by symbol
 * @param missing requested symbols the hub has no quote for
 * @param epoch   the stream epoch their seqs belong to (as in the stream's {@code connection} message)
 */
public record QuoteList(List<QuoteView> quotes, List<String> missing, String epoch) {
}
