package io.tickhub.server.bus.kafka;

import io.tickhub.core.bus.QuoteCodec;
import io.tickhub.core.quote.Quote;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading quotes off the topic: a record that is not a quote is logged and skipped, never fatal. */
final class KafkaRecords {

    private static final Logger log = LoggerFactory.getLogger(KafkaRecords.class);

    private KafkaRecords() {
    }

    /** The record's quote, or null (logged with its place in the topic) when its bytes are not one. */
    static Quote quoteOrNull(ConsumerRecord<String, byte[]> record) {
        try {
            return QuoteCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            log.warn("Skipped record {}@{} of {}: {}", record.partition(), record.offset(), record.topic(), e.getMessage());
            return null;
        }
    }
}
