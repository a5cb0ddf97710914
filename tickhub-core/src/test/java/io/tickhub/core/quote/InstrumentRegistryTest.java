package io.tickhub.core.quote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstrumentRegistryTest {

    private final InstrumentRegistry registry = new InstrumentRegistry();

    @Test
    void unregisteredSymbolIsDescribedByItsOwnName() {
        Instrument described = registry.describe("ZZZZ");

        assertThat(described).isEqualTo(new Instrument("ZZZZ", "ZZZZ", null, null));
        assertThat(registry.isKnown("ZZZZ")).isFalse();
    }

    @Test
    void registeringReplacesWhatWasKnown() {
        registry.register(new Instrument("AAPL", "Apple", null, null));
        registry.register(new Instrument("AAPL", "Apple Inc.", "USD", "NASDAQ"));

        assertThat(registry.describe("AAPL")).isEqualTo(new Instrument("AAPL", "Apple Inc.", "USD", "NASDAQ"));
        assertThat(registry.isKnown("AAPL")).isTrue();
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void allIsSortedBySymbol() {
        registry.register(Instrument.unknown("MSFT"));
        registry.register(Instrument.unknown("AAPL"));
        registry.register(Instrument.unknown("^GSPC"));

        assertThat(registry.all()).extracting(Instrument::symbol).containsExactly("AAPL", "MSFT", "^GSPC");
    }

    @Test
    void blankNameFallsBackToTheSymbol() {
        assertThat(new Instrument("AAPL", "  ", "USD", null).name()).isEqualTo("AAPL");
        assertThat(new Instrument("AAPL", null, "USD", null).name()).isEqualTo("AAPL");
    }
}
