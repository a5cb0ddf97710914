package io.tickhub.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.quote.Quote;
import io.tickhub.server.testing.HubProcess;
import io.tickhub.server.testing.QuotesTopic;
import io.tickhub.server.testing.KafkaBrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest nodes, each a JVM of its own, both running the simulator on the same symbols
 * into one Kafka topic: each symbol is sequenced by one of them at a time, and when one is
 * killed ({@code kill -9}) the other takes its symbols and continues their seqs.
 */
class IngestOwnershipTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String TOPIC = "tickhub.quotes";
    private static final int PARTITIONS = 4;

    @TempDir
    Path journals;
    private KafkaBrokerProcess kafka;
    private HubProcess ingestA;
    private HubProcess ingestB;

    @AfterEach
    void stop() {
        for (HubProcess hub : new HubProcess[] {ingestA, ingestB}) {
            if (hub != null) {
                hub.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private HubProcess ingest(String name) {
        return HubProcess.start(name, List.of("--tickhub.roles=ingest", "--tickhub.bus.type=kafka",
                "--tickhub.bus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--tickhub.bus.kafka.partitions=" + PARTITIONS,
                "--tickhub.bus.kafka.ingest-session-timeout=6s",
                "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "--tickhub.journal.dir=" + journals.resolve(name),
                "--tickhub.simulator.interval=20ms", "--tickhub.simulator.news-interval=1h"));
    }

    @Test
    @Timeout(170)
    void eachSymbolHasOneSequencerAndTheSurvivorOfAKillContinuesItsSeqs() {
        kafka = KafkaBrokerProcess.start(START);
        ingestA = ingest("ingest-a");
        ingestB = ingest("ingest-b");
        ingestA.awaitUp(START);
        ingestB.awaitUp(START);

        await().atMost(Duration.ofSeconds(30)).until(() -> owned(ingestA) >= 1 && owned(ingestB) >= 1
                && owned(ingestA) + owned(ingestB) == PARTITIONS);
        double acceptedByB = ingestB.metric("tickhub_quotes_accepted_total");
        await().atMost(Duration.ofSeconds(20)).until(() -> ingestA.metric("tickhub_quotes_accepted_total") >= 300
                && ingestB.metric("tickhub_quotes_accepted_total") >= acceptedByB + 300);
        assertThat(ingestA.metric("tickhub_quotes_rejected_total")).as("A refuses the quotes of B's symbols").isPositive();
        assertThat(ingestB.metric("tickhub_quotes_rejected_total")).as("B refuses the quotes of A's symbols").isPositive();

        ingestA.kill();
        Instant killed = Instant.now();

        await().atMost(Duration.ofSeconds(30)).until(() -> owned(ingestB) == PARTITIONS);
        double takenOver = ingestB.metric("tickhub_quotes_accepted_total");
        await().atMost(Duration.ofSeconds(20)).until(() -> ingestB.metric("tickhub_quotes_accepted_total") >= takenOver + 500);

        Map<String, List<Quote>> bySymbol = topicBySymbol();
        assertThat(bySymbol).as("the simulator's symbols, over all four partitions").hasSizeGreaterThanOrEqualTo(10);
        Map<String, Quote> bySeq = new HashMap<>();
        bySymbol.forEach((symbol, quotes) -> {
            for (Quote quote : quotes) {
                Quote before = bySeq.putIfAbsent(symbol + "#" + quote.seq(), quote);
                assertThat(before).as("%s seq %d issued twice", symbol, quote.seq()).isNull();
            }
            assertThat(quotes).extracting(Quote::seq).as("%s: seqs 1..n in topic order, no gap, no repeat", symbol)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, quotes.size()).boxed().toList());
            assertThat(quotes.getLast().hubTime()).as("%s is sequenced after the kill (by B)", symbol).isAfter(killed);
        });
    }

    private static double owned(HubProcess hub) {
        return hub.metric("tickhub_ingest_partitions_owned");
    }

    private Map<String, List<Quote>> topicBySymbol() {
        return QuotesTopic.bySymbol(kafka.bootstrapServers(), TOPIC, PARTITIONS);
    }
}
