package io.tickhub.server.http.compat;

import java.util.List;

/** System E's history answer: the ticker and its points, oldest first. */
public record TickerHistory(TickerView ticker, List<PricePoint> history) {
}
