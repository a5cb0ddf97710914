package io.tickhub.server.provider.finnhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Finnhub's frames as the codec reads and writes them; nothing it is given makes it throw. */
class FinnhubStreamCodecTest {

    private final FinnhubStreamCodec codec = new FinnhubStreamCodec(JsonMapper.builder().build());

    @Test
    void aTradeFrameIsReadWithOptionalVolumeAndIgnoredConditions() {
        var frame = codec.decode("{\"type\":\"trade\",\"data\":[{\"s\":\"BINANCE:BTCUSDT\",\"p\":43000.25,"
                + "\"t\":1700000000123,\"v\":0.015,\"c\":null},{\"s\":\"AAPL\",\"p\":187,\"t\":1700000000124}]}");

        assertThat(frame).isEqualTo(new FinnhubStreamFrame.Trades(List.of(
                new FinnhubStreamFrame.Trade("BINANCE:BTCUSDT", 43000.25, 1700000000123L, 0.015),
                new FinnhubStreamFrame.Trade("AAPL", 187, 1700000000124L, 0)), 0));
    }

    @Test
    void unreadableTradeEntriesAreSkippedAndCountedWhileTheRestOfTheFrameIsKept() {
        var frame = codec.decode("{\"type\":\"trade\",\"data\":[{\"p\":1,\"t\":1},{\"s\":\"A\",\"t\":1},"
                + "{\"s\":\"A\",\"p\":1},{\"s\":\"A\",\"p\":1,\"t\":1.5},{\"s\":\"\",\"p\":1,\"t\":1},7,"
                + "{\"s\":\"A\",\"p\":1,\"t\":1}]}");

        assertThat(frame).isEqualTo(new FinnhubStreamFrame.Trades(
                List.of(new FinnhubStreamFrame.Trade("A", 1, 1, 0)), 6));
    }

    @Test
    void pingErrorAndOtherTypesAreRecognised() {
        assertThat(codec.decode("{\"type\":\"ping\"}")).isEqualTo(new FinnhubStreamFrame.Ping());
        assertThat(codec.decode("{\"type\":\"error\",\"msg\":\"Invalid symbol\"}"))
                .isEqualTo(new FinnhubStreamFrame.Error("Invalid symbol"));
        assertThat(codec.decode("{\"type\":\"news\",\"data\":[]}")).isEqualTo(new FinnhubStreamFrame.Other("news"));
    }

    @Test
    void anythingElseIsMalformedNeverAnException() {
        for (String text : List.of("", "ping", "{", "[]", "null", "42", "{\"data\":[]}", "{\"type\":7}",
                "{\"type\":\"trade\"}", "{\"type\":\"trade\",\"data\":{}}")) {
            assertThat(codec.decode(text)).as(text).isInstanceOf(FinnhubStreamFrame.Malformed.class);
        }
    }

    @Test
    void subscribeAndUnsubscribeFramesAreFinnhubsOwn() {
        assertThat(codec.subscribe("AAPL")).isEqualTo("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}");
        assertThat(codec.unsubscribe("BINANCE:BTCUSDT"))
                .isEqualTo("{\"type\":\"unsubscribe\",\"symbol\":\"BINANCE:BTCUSDT\"}");
    }
}
