package io.tickhub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickhub.core.book.Book;
import io.tickhub.core.ingest.IngestPipeline;
import io.tickhub.core.provider.ProviderState;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.server.provider.SimulatorProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutdown while the simulator runs flat out: providers stop first, then ingest drains, so every
 * quote the simulator handed over reaches the book and no tick fails for lack of an ingest.
 */
class GracefulShutdownTest {

    @Test
    void everySubmittedQuoteIsSequencedAndNoTickFailsOnShutdown() {
        ConfigurableApplicationContext context = SpringApplication.run(TickhubApplication.class,
                "--server.port=0", "--tickhub.simulator.ticker-count=500", "--tickhub.simulator.symbols=",
                "--tickhub.simulator.interval=1ms", "--tickhub.ingest.ring-size=1024",
                "--management.endpoints.web.exposure.include=health");
        SimulatorProvider simulator = context.getBean(SimulatorProvider.class);
        IngestPipeline ingest = context.getBean(IngestPipeline.class);
        Book book = context.getBean(Book.class);
        ProviderStatusBoard status = context.getBean(ProviderStatusBoard.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.submittedCount() > 20_000);

        context.close();

        assertThat(ingest.processedCount()).isEqualTo(simulator.submittedCount());
        assertThat(book.appliedCount()).isEqualTo(simulator.submittedCount());
        assertThat(ingest.failedCount()).isZero();
        assertThat(status.get("simulator").orElseThrow().state()).isNotEqualTo(ProviderState.DOWN);
    }
}
