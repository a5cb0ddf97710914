package io.tickhub.server.provider.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lines of a replay file as the reader takes them. */
class ReplayCsvTest {

    @Test
    void aRowTakesAnIsoInstantOrEpochMillisAndItsOptionalColumns() throws Exception {
        assertThat(ReplayCsv.parse("2024-01-02T14:30:00Z,AAPL,187.5"))
                .isEqualTo(new ReplayRow(Instant.parse("2024-01-02T14:30:00Z"), "AAPL", 187.5, 0, null, null));
        assertThat(ReplayCsv.parse("1704205800000, MSFT ,370.1,1200,370.0,370.2"))
                .isEqualTo(new ReplayRow(Instant.ofEpochMilli(1704205800000L), "MSFT", 370.1, 1200, 370.0, 370.2));
        assertThat(ReplayCsv.parse("2024-01-02T09:30:00.250-05:00,AAPL,1,,,2"))
                .isEqualTo(new ReplayRow(Instant.parse("2024-01-02T14:30:00.250Z"), "AAPL", 1, 0, null, 2.0));
        assertThat(ReplayCsv.parse("\"1704205800000\",\"BTC-USD\",\"43000\",\"0.5\""))
                .isEqualTo(new ReplayRow(Instant.ofEpochMilli(1704205800000L), "BTC-USD", 43000, 0.5, null, null));
    }

    @Test
    void badRowsSayWhatIsWrong() {
        assertThatThrownBy(() -> ReplayCsv.parse("2024-01-02T14:30:00Z,AAPL")).hasMessageContaining("3 to 6 columns");
        assertThatThrownBy(() -> ReplayCsv.parse("1,2,3,4,5,6,7")).hasMessageContaining("found 7");
        assertThatThrownBy(() -> ReplayCsv.parse("yesterday,AAPL,1")).hasMessageContaining("timestamp 'yesterday'");
        assertThatThrownBy(() -> ReplayCsv.parse("2024-13-02T14:30:00Z,AAPL,1")).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> ReplayCsv.parse("1,,1")).hasMessageContaining("empty symbol");
        assertThatThrownBy(() -> ReplayCsv.parse("1,AAPL,abc")).hasMessageContaining("price 'abc'");
        assertThatThrownBy(() -> ReplayCsv.parse("1,AAPL,NaN")).hasMessageContaining("price 'NaN'");
        assertThatThrownBy(() -> ReplayCsv.parse("1,AAPL,1,lots")).hasMessageContaining("volume 'lots'");
        assertThatThrownBy(() -> ReplayCsv.parse("1,AAPL,1,1,x")).isInstanceOf(ReplayCsv.BadRow.class);
    }

    @Test
    void blankLinesAndCommentsAreSkippedAndAWordyFirstLineIsAHeader() {
        assertThat(ReplayCsv.skipped("")).isTrue();
        assertThat(ReplayCsv.skipped("   ")).isTrue();
        assertThat(ReplayCsv.skipped("# recorded 2024-01-02")).isTrue();
        assertThat(ReplayCsv.skipped("1,AAPL,1")).isFalse();

        assertThat(ReplayCsv.header("\uFEFFtimestamp,symbol,price,volume,bid,ask")).isTrue();
        assertThat(ReplayCsv.header("\"time\",\"symbol\",\"price\"")).isTrue();
        assertThat(ReplayCsv.header("2024-01-02T14:30:00Z,AAPL,1")).isFalse();
        assertThat(ReplayCsv.header("1704205800000,AAPL,1")).isFalse();
    }
}
