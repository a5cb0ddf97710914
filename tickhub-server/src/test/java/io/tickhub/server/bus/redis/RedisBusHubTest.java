package io.tickhub.server.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.TickhubApplication;
import io.tickhub.server.testing.EmbeddedRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Hubs whose bus is Redis pub/sub: what one hub sequences, the other serves with the same seqs. */
class RedisBusHubTest {

    static EmbeddedRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aQuoteSequencedByOneHubReachesTheOtherWithItsSeq() {
        String channel = "quotes-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = hub(channel); ConfigurableApplicationContext second = hub(channel)) {
            IngestPipeline ingest = first.getBean(IngestPipeline.class);
            Instant now = Instant.now();
            for (int i = 0; i < 30; i++) {
                ingest.submit(new RawQuote("RBUS", 50 + i, null, null, 1, "test", now.plusMillis(i)));
            }
            for (ConfigurableApplicationContext hub : new ConfigurableApplicationContext[] {first, second}) {
                Book book = hub.getBean(Book.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> book.latest("RBUS").map(Quote::seq).orElse(0L) == 30);
            }
            assertThat(second.getBean(Book.class).latest("RBUS")).isEqualTo(first.getBean(Book.class).latest("RBUS"));
        }
    }

    private static ConfigurableApplicationContext hub(String channel) {
        return SpringApplication.run(TickhubApplication.class, "--server.port=0", "--tickhub.simulator.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                "--tickhub.bus.type=redis",
                "--tickhub.redis.url=" + redis.url(),
                "--tickhub.bus.redis.channel=" + channel);
    }
}
