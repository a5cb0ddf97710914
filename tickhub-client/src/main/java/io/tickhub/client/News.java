package io.tickhub.client;

import java.time.Instant;
import java.util.List;

/** A news item about one or more subscribed symbols; {@code url} is null when the source has none. */
public record News(String id, List<String> symbols, String headline, String summary, String source, String url,
                   Instant published) implements StreamEvent {
}
