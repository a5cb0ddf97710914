package io.tickhub.core.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "aapl|AAPL",
            "  msft\t|MSFT",
            "brk.b|BRK.B",
            "^gspc|^GSPC",
            "eurusd=x|EURUSD=X",
            "btc-usd|BTC-USD",
            "binance:btcusdt|BINANCE:BTCUSDT",
            "item_07|ITEM_07",
            "V|V",
            "7203.T|7203.T"})
    void normalisesToTrimmedUpperCase(String raw, String expected) {
        assertThat(Symbols.normalize(raw)).isEqualTo(expected);
        assertThat(Symbols.isValid(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BRK.B", "^GSPC", "EURUSD=X", "BTC-USD", "BINANCE:BTCUSDT", "ITEM_07"})
    void realProviderFormsAreValidAndKeptAsIs(String symbol) {
        assertThat(Symbols.normalize(symbol)).isEqualTo(symbol);
    }

    @Test
    void longestAllowedSymbolIsAccepted() {
        String longest = "A".repeat(Symbols.MAX_LENGTH);

        assertThat(Symbols.normalize(longest)).isEqualTo(longest);
    }

    @Test
    void symbolLongerThanTheMaximumIsRefused() {
        String tooLong = "A".repeat(Symbols.MAX_LENGTH + 1);

        assertThatThrownBy(() -> Symbols.normalize(tooLong))
                .isInstanceOf(InvalidSymbolException.class)
                .hasMessageContaining("longer than " + Symbols.MAX_LENGTH);
    }

    @Test
    void nullIsRefusedAsMissing() {
        assertThatThrownBy(() -> Symbols.normalize(null))
                .isInstanceOf(InvalidSymbolException.class)
                .hasMessage("symbol is required")
                .satisfies(e -> assertThat(((InvalidSymbolException) e).input()).isNull());
        assertThat(Symbols.isValid(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void emptyOrBlankIsRefused(String raw) {
        assertThatThrownBy(() -> Symbols.normalize(raw))
                .isInstanceOf(InvalidSymbolException.class)
                .hasMessageContaining("must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BRK B", "A/B", "../etc", "A'B", "A\"B", "A`B", ".AAPL", "-AAPL", "_AAPL", ":X", "=X",
            "A;B", "A%20B", "A\\B", "Ä", "A\u00A0B", "A\u0000B"})
    void forbiddenCharactersAreRefusedWithTheirRule(String raw) {
        assertThatThrownBy(() -> Symbols.normalize(raw))
                .isInstanceOf(InvalidSymbolException.class)
                .hasMessageContaining("may contain only")
                .satisfies(e -> assertThat(((InvalidSymbolException) e).input()).isEqualTo(raw));
        assertThat(Symbols.isValid(raw)).isFalse();
    }

    @Test
    void invalidSymbolIsAnIllegalArgument() {
        assertThatThrownBy(() -> Symbols.normalize("A/B")).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAreRefusedNotStripped() {
        org.assertj.core.api.Assertions.assertThat(Symbols.isValid("AAPL\u0000")).isFalse();
        org.assertj.core.api.Assertions.assertThat(Symbols.isValid("\u0001AAPL")).isFalse();
    }
}
