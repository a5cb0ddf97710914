package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.testing.RecordingFrameSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compact and native subscribers of one symbol: each format encoded once, shared, and never mixed up. */
class CompactFormatTest {

    private final Hub hub = new Hub();

    private Connection connect(RecordingFrameSink sink, WireFormat format) {
        Connection c = new Connection("c-" + format, sink, hub.loop, hub.context, false, format);
        hub.fanOut.register(c);
        hub.fanOut.subscribe(c, "AAPL", true, null);
        return c;
    }

    @Test
    void eachFormatIsEncodedOnceAndSharedByItsSubscribers() {
        hub.publish("AAPL", 1, 1);
        RecordingFrameSink compactA = new RecordingFrameSink();
        RecordingFrameSink compactB = new RecordingFrameSink();
        RecordingFrameSink nativeC = new RecordingFrameSink();
        connect(compactA, WireFormat.COMPACT);
        connect(compactB, WireFormat.COMPACT);
        connect(nativeC, WireFormat.NATIVE);
        hub.drain();

        hub.publish("AAPL", 2, 2);
        hub.drain();

        byte[] a = compactA.writes().getLast();
        byte[] b = compactB.writes().getLast();
        byte[] c = nativeC.writes().getLast();
        assertThat(a).isSameAs(b);
        assertThat(new String(a)).startsWith("{\"s\":\"AAPL\",\"q\":2,\"ts\":").doesNotContain("type");
        assertThat(new String(c)).startsWith("{\"type\":\"price_update\",\"symbol\":\"AAPL\",\"seq\":2");
        assertThat(compactA.frames().getFirst()).contains("\"q\":1").contains("\"snapshot\":true");
    }

    @Test
    void conflatedCompactUpdatesSayHowManyWereSkipped() {
        RecordingFrameSink slow = new RecordingFrameSink();
        Connection connection = connect(slow, WireFormat.COMPACT);
        hub.drain();
        slow.setWritable(false);

        hub.publish("AAPL", 1, hub.settings.bufferMessages() + 10L);
        hub.drain();
        slow.setWritable(true);
        connection.writable(); // as the transport's writability event does
        hub.publish("AAPL", hub.settings.bufferMessages() + 11L, hub.settings.bufferMessages() + 11L);
        hub.drain();

        List<String> frames = slow.frames();
        assertThat(frames).allSatisfy(f -> assertThat(f).startsWith("{\"s\":\"AAPL\""));
        assertThat(frames).anySatisfy(f -> assertThat(f).contains("\"conflated\":"));
    }
}
