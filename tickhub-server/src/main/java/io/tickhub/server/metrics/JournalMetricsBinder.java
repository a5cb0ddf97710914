package io.tickhub.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tickhub.core.journal.TickJournal;

/** The tick journal as Micrometer meters: how much it holds, and whether this start kept the epoch. */
public final class JournalMetricsBinder implements MeterBinder {

    private final TickJournal journal;

    public JournalMetricsBinder(TickJournal journal) {
        this.journal = journal;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tickhub.journal.ticks", journal, TickJournal::size)
                .description("Ticks held in the journal, over all symbols").register(registry);
        Gauge.builder("tickhub.journal.symbols", journal, j -> j.lastSeqs().size())
                .description("Symbols with ticks in the journal").register(registry);
        Gauge.builder("tickhub.journal.epoch.continued", journal, j -> j.epochContinued() ? 1 : 0)
                .description("1 when this start continued the journal's stream epoch, 0 when a new one began")
                .register(registry);
    }
}
