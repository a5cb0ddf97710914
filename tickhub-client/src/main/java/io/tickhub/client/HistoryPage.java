package io.tickhub.client;

import java.util.List;

/**
 * One page of {@code GET /api/v1/history/{symbol}}: stored quotes oldest first, all marked
 * {@link Quote#repaired()}, in stream epoch {@code epoch}; {@code nextCursor} is null on the last page.
 */
public record HistoryPage(String symbol, String epoch, List<Quote> items, String nextCursor) {
}
