package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test-only JSON reading the fan-out tests rely on. */
class FramesTest {

    @Test
    void singleObjectIsItsOwnMessage() {
        assertThat(Frames.messages("{\"type\":\"pong\"}")).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void batchArrayIsSplitIntoItsObjectsIgnoringBracesAndCommasInStringsAndNesting() {
        String a = "{\"type\":\"error\",\"message\":\"a } , ] \\\" [ {\"}";
        String b = "{\"type\":\"price_update\",\"data\":{\"price\":1.0},\"seq\":2}";

        assertThat(Frames.messages("[" + a + "," + b + "]")).containsExactly(a, b);
    }

    @Test
    void nonObjectInABatchIsRefused() {
        assertThatThrownBy(() -> Frames.messages("[{\"type\":\"x\"},pong]")).isInstanceOf(AssertionError.class);
    }

    @Test
    void readsScalarFields() {
        String m = "{\"type\":\"price_update\",\"symbol\":\"AAPL\",\"seq\":12,\"ts\":5,\"snapshot\":true,"
                + "\"conflated\":3,\"data\":{\"price\":-1.5e3}}";

        assertThat(Frames.type(m)).isEqualTo("price_update");
        assertThat(Frames.seq(m)).isEqualTo(12);
        assertThat(Frames.isSnapshot(m)).isTrue();
        assertThat(Frames.conflated(m)).isEqualTo(3);
        assertThat(Frames.raw(m, "price")).isEqualTo("-1.5e3");
        assertThat(Frames.raw(m, "missing")).isNull();
        assertThat(Frames.isUpdateOf(m, "AAPL")).isTrue();
        assertThat(Frames.isUpdateOf(m, "MSFT")).isFalse();
    }
}
