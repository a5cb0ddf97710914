package io.tickhub.server.bus.kafka;

import io.tickhub.core.news.NewsItem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * News on Kafka: one topic, one partition (a few items a minute, in one order for every reader),
 * each item as JSON keyed by its id. Ingest nodes publish what their sources accept; gateways
 * read it into their own news wire, so their {@code news} channel and {@code /api/v1/news}
 * carry it as a single node's do.
 */
final class KafkaNews {

    private static final JsonMapper JSON = JsonMapper.shared();

    private KafkaNews() {
    }

    static byte[] encode(NewsItem item) {
        return JSON.writeValueAsBytes(item);
    }

    /** The item, or null when the record is not one (a foreign producer on the topic). */
    static NewsItem decodeOrNull(byte[] value) {
        try {
            return value == null ? null : JSON.readValue(value, NewsItem.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
