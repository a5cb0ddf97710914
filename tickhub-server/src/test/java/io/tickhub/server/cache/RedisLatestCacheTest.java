package io.tickhub.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
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
import org.springframework.test.web.reactive.server.WebTestClient;

/** The shared latest-price cache in a real Redis: what systems A and B's services read, and a Redis outage. */
class RedisLatestCacheTest {

    static EmbeddedRedis redis;
    static ConfigurableApplicationContext hub;
    static RedisClient client;
    static RedisCommands<String, String> commands;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
        client = RedisClient.create(redis.url());
        commands = client.connect().sync();
        hub = SpringApplication.run(TickhubApplication.class, "--server.port=0", "--tickhub.simulator.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                "--tickhub.cache.type=redis", "--tickhub.cache.ttl=120s",
                "--tickhub.redis.url=" + redis.url(), "--tickhub.redis.command-timeout=500ms");
    }

    @AfterAll
    static void stop() {
        hub.close();
        client.shutdown();
        redis.close();
    }

    @Test
    void everyQuoteLeavesSystemBsKeysWithATtlAndSystemAsPricesHash() {
        Quote last = feed("CACH", 10.5, 11.25);

        await().atMost(Duration.ofSeconds(10)).until(() -> commands.get("latest_price_CACH_test") != null);
        assertThat(commands.get("latest_price_CACH_test"))
                .contains("\"symbol\":\"CACH\"").contains("\"price\":11.25").contains("\"provider\":\"test\"")
                .contains("\"seq\":" + last.seq());
        assertThat(commands.pttl("latest_price_CACH_test")).isBetween(1L, 120_000L);
        assertThat(commands.get("latest_price_CACH")).contains("\"price\":11.25");
        assertThat(commands.hget("prices", "CACH")).contains("\"price\":11.25");
    }

    @Test
    void latestOfAnotherProviderIsAnsweredFromTheCacheBeforeTheStore() {
        feed("CACB", 20);
        commands.set("latest_price_CACB_yfinance",
                "{\"symbol\":\"CACB\",\"price\":19.75,\"timestamp\":\"2026-11-21T14:30:00.000Z\",\"provider\":\"yfinance\",\"seq\":7}");

        http().get().uri("/prices/latest?symbol=CACB&provider=yfinance").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.price").isEqualTo(19.75)
                .jsonPath("$.provider").isEqualTo("yfinance")
                .jsonPath("$.timestamp").isEqualTo("2026-11-21T14:30:00.000Z");
    }

    @Test
    void whileRedisIsDownClientsGetTheBookAndTheStoreAndWritesResumeAfterwards() {
        feed("OUTG", 1);
        redis.stop();
        try {
            Quote during = feed("OUTG", 2);
            RedisLatestCache cache = hub.getBean(RedisLatestCache.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> cache.writeFailures() > 0);

            http().get().uri("/prices/latest?symbol=OUTG").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.price").isEqualTo(2.0);
            http().get().uri("/prices/latest?symbol=OUTG&provider=nobody").exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.detail").isEqualTo("Price point not found");
            assertThat(during.seq()).isEqualTo(hub.getBean(Book.class).latest("OUTG").orElseThrow().seq());
        } finally {
            redis.restart();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            feed("OUTG", 3);
            return commands.get("latest_price_OUTG_test") != null
                    && commands.get("latest_price_OUTG_test").contains("\"price\":3.0");
        });
    }

    /** Submits prices of provider {@code test} and returns the last once the book has it. */
    private static Quote feed(String symbol, double... prices) {
        IngestPipeline ingest = hub.getBean(IngestPipeline.class);
        Book book = hub.getBean(Book.class);
        long before = book.latest(symbol).map(Quote::seq).orElse(0L);
        Instant now = Instant.now();
        for (int i = 0; i < prices.length; i++) {
            ingest.submit(new RawQuote(symbol, prices[i], null, null, 1, "test", now.plusMillis(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> book.latest(symbol).map(Quote::seq).orElse(0L) >= before + prices.length);
        return book.latest(symbol).orElseThrow();
    }

    private static WebTestClient http() {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(15))
                .baseUrl("http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port")).build();
    }
}
