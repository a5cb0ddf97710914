package io.tickhub.server;

import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.testing.ManualClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock with a manual one and adds the quote feeder. */
@TestConfiguration(proxyBeanMethods = false)
public class TestHubConfig {

    @Bean
    @Primary
    ManualClock manualClock() {
        return new ManualClock();
    }

    @Bean
    QuoteFeeder quoteFeeder(IngestPipeline ingest, Book book, ManualClock clock) {
        return new QuoteFeeder(ingest, book, clock);
    }
}
