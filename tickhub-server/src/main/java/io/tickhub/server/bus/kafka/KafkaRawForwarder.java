package io.tickhub.server.bus.kafka;

import io.tickhub.core.bus.RawQuoteCodec;
import io.tickhub.core.ingest.OwnerHandOff;
import io.tickhub.core.ingest.SymbolOwnership;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.core.sim.SimulatedMarket;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a provider quote of a symbol another ingest node sequences to that node: the sequencer
 * refuses it as {@code not_owner} here, and this sends it to the raw-quotes topic, into the
 * partition with the number of the symbol's quotes partition. The node holding that partition of
 * the quotes topic reads the same partition of the raw topic ({@link KafkaRawReceiver}) and
 * sequences the quote. A partition between owners keeps what is sent to it until the next owner
 * reads it. This node never reads a partition it does not own, so it never reads back what it sent.
 *
 * <p>The simulator's quotes are not handed off: every ingest node runs its own simulator over the
 * same symbols, so each symbol already has its holder's; handing over the others' would give it
 * several interleaved random walks. They stay refused as {@code not_owner}.
 *
 * <p>{@link #forward} runs on the sequencer thread and does not wait for the broker: it sends with
 * the bus's producer, which buffers and sends on its own thread and is closed with the bus, after
 * ingest has drained. A quote the producer finally cannot send (the brokers gone past
 * {@code delivery.timeout.ms}) is counted and logged.
 */
public final class KafkaRawForwarder implements OwnerHandOff {

    private static final Logger log = LoggerFactory.getLogger(KafkaRawForwarder.class);

    private final String topic;
    private final SymbolOwnership ownership;
    private final KafkaProducer<String, byte[]> producer;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    private KafkaRawForwarder(String topic, SymbolOwnership ownership, KafkaProducer<String, byte[]> producer) {
        this.topic = topic;
        this.ownership = ownership;
        this.producer = producer;
    }

    /**
     * Creates the raw topic when missing, with the quotes topic's partition count, and refuses to
     * start when it has another count (a partition number would then name other symbols in the two
     * topics). The producer learns the topic's partitions now, not on the sequencer's first send.
     *
     * @param ownership the gate of this node's sequencer: where each symbol's quotes go
     * @param bus       the bus this node's sequencer publishes on
     */
    public static KafkaRawForwarder over(KafkaQuoteBus bus, KafkaBusSettings settings, String rawTopic,
                                         SymbolOwnership ownership) {
        KafkaRawTopic.ensureMatching(settings, rawTopic);
        KafkaProducer<String, byte[]> producer = bus.producer();
        producer.partitionsFor(rawTopic);
        return new KafkaRawForwarder(rawTopic, ownership, producer);
    }

    /** Sequencer thread. */
    @Override
    public boolean forward(String symbol, RawQuote quote) {
        if (SimulatedMarket.PROVIDER.equals(quote.provider())) {
            return false;
        }
        try {
            producer.send(new ProducerRecord<>(topic, ownership.partitionOf(symbol), symbol, RawQuoteCodec.encode(quote)),
                    (meta, error) -> {
                        if (error != null) {
                            failed(symbol, error);
                        }
                    });
        } catch (RuntimeException e) {
            failed(symbol, e); // a closed producer (shutdown): the sequencer counts it as not_owner
            return false;
        }
        forwarded.increment();
        return true;
    }

    private void failed(String symbol, Exception error) {
        failed.increment();
        long failures = failed.sum();
        if (Long.bitCount(failures) == 1) { // the 1st, 2nd, 4th...: a broker outage must not flood the log
            log.error("Could not hand a quote of {} to its owner on {}; {} so far", symbol, topic, failures, error);
        }
    }

    /** Quotes sent toward the node that sequences their symbol. */
    public long forwardedCount() {
        return forwarded.sum();
    }

    /** Quotes that could not be sent (refused at once, or not written within the delivery timeout). */
    public long failedCount() {
        return failed.sum();
    }
}
