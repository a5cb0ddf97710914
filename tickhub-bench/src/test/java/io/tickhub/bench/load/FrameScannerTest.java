package io.tickhub.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameScannerTest {

  /** Records what the scanner reports, as readable strings. */
  static final class Rec implements FrameScanner.Sink {
    final List<String> events = new ArrayList<>();

    @Override
    public void update(byte[] b, int off, int len, long seq, long ts, long conflated) {
      events.add("update " + new String(b, off, len, StandardCharsets.UTF_8) + " seq=" + n(seq) + " ts=" + ts
          + (conflated != 0 ? " conflated=" + conflated : ""));
    }

    @Override
    public void snapshot(byte[] b, int off, int len, long seq) {
      events.add("snapshot " + (len < 0 ? "-" : new String(b, off, len, StandardCharsets.UTF_8)) + " seq=" + n(seq));
    }

    @Override
    public void other() {
      events.add("other");
    }

    @Override
    public void malformed() {
      events.add("malformed");
    }

    private static String n(long v) {
      return v == FrameScanner.NONE ? "none" : Long.toString(v);
    }
  }

  private static List<String> scan(String frame) {
    Rec r = new Rec();
    byte[] b = ("xx" + frame + "yy").getBytes(StandardCharsets.UTF_8); // scan a slice, not the whole array
    new FrameScanner().scan(b, 2, b.length - 4, r);
    return r.events;
  }

  @Test
  void priceUpdateFieldsAreTopLevelOnly() {
    String f = "{\"type\":\"price_update\",\"symbol\":\"AAPL\",\"seq\":42,\"ts\":1700000000123456,"
        + "\"data\":{\"price\":189.5,\"volume\":100,\"timestamp\":\"2024-01-01T00:00:00Z\",\"symbol\":\"NOPE\","
        + "\"seq\":7,\"ts\":1,\"provider\":\"sim \\\"q\\\" {x}\"}}";
    assertEquals(List.of("update AAPL seq=42 ts=1700000000123456"), scan(f));
  }

  @Test
  void keyOrderAndWhitespaceDoNotMatter() {
    String f = " {\n \"data\" : {\"p\":[1,2,{\"a\":\"]\"}]}, \"ts\" : 5 , \"seq\":3,\"symbol\" : \"S0001\", \"type\":\"price_update\" } ";
    assertEquals(List.of("update S0001 seq=3 ts=5"), scan(f));
  }

  @Test
  void snapshotFlagAndConflation() {
    assertEquals(List.of("snapshot MSFT seq=10"),
        scan("{\"type\":\"price_update\",\"symbol\":\"MSFT\",\"seq\":10,\"ts\":99,\"snapshot\":true,\"data\":{}}"));
    assertEquals(List.of("update MSFT seq=15 ts=99 conflated=4"),
        scan("{\"type\":\"price_update\",\"symbol\":\"MSFT\",\"seq\":15,\"ts\":99,\"snapshot\":false,\"conflated\":4}"));
  }

  @Test
  void batchArray() {
    String f = "[{\"type\":\"price_update\",\"symbol\":\"A\",\"seq\":1,\"ts\":10},"
        + "{\"type\":\"heartbeat\",\"ts\":11,\"seqs\":{\"A\":1}},"
        + " {\"type\":\"price_update\",\"symbol\":\"B\",\"seq\":2,\"ts\":12,\"snapshot\":true} ]";
    assertEquals(List.of("update A seq=1 ts=10", "other", "snapshot B seq=2"), scan(f));
    assertEquals(List.of(), scan("[]"));
  }

  @Test
  void controlFramesAreOther() {
    assertEquals(List.of("other"), scan("{\"type\":\"connection\",\"status\":\"connected\",\"client_id\":\"c1\",\"heartbeat_ms\":15000}"));
    assertEquals(List.of("other"), scan("{\"type\":\"subscription\",\"status\":\"ok\",\"symbols\":[\"A\",\"B\"],\"accepted\":[\"A\"],\"rejected\":[]}"));
    assertEquals(List.of("other"), scan("{\"type\":\"heartbeat\",\"ts\":1700000000000000,\"seqs\":{\"A\":3}}"));
    assertEquals(List.of("other"), scan("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"x\"}"));
    assertEquals(List.of("other"), scan("{\"type\":\"pong\",\"id\":7}"));
    assertEquals(List.of("other"), scan("pong"));
  }

  @Test
  void mockHubShapes() {
    // the shared mock: a "snapshot" message with a data array, then type-less updates
    assertEquals(List.of("snapshot S0000 seq=0", "snapshot S0001 seq=17"),
        scan("{\"type\":\"snapshot\",\"data\":[{\"symbol\":\"S0000\",\"price\":100,\"seq\":0,\"ts\":1},"
            + "{\"symbol\":\"S0001\",\"price\":101,\"seq\":17,\"ts\":2}]}"));
    assertEquals(List.of("update S0002 seq=5 ts=1700000000000001"),
        scan("{\"symbol\":\"S0002\",\"price\":102.01,\"seq\":5,\"ts\":1700000000000001}"));
    // the Node publisher's short form and container shapes
    assertEquals(List.of("update S0003 seq=9 ts=33"), scan("{\"s\":\"S0003\",\"q\":9,\"p\":1.5,\"ts\":33}"));
    assertEquals(List.of("update A seq=1 ts=2", "update B seq=3 ts=4"),
        scan("{\"updates\":[{\"symbol\":\"A\",\"seq\":1,\"ts\":2},{\"symbol\":\"B\",\"seq\":3,\"ts\":4}]}"));
    assertEquals(List.of("snapshot A seq=none"), scan("{\"snapshot\":[{\"symbol\":\"A\"}]}"));
  }

  @Test
  void numbersInOtherForms() {
    assertEquals(List.of("update A seq=2 ts=1700000000123"), scan("{\"symbol\":\"A\",\"seq\":2,\"ts\":1700000000123.75}"));
    assertEquals(List.of("update A seq=2 ts=1700000000000000"), scan("{\"symbol\":\"A\",\"seq\":\"2\",\"ts\":1.7e15}"));
  }

  @Test
  void malformedInput() {
    assertEquals(List.of("malformed"), scan(""));
    assertEquals(List.of("malformed"), scan("{\"type\":\"price_update\",\"symbol\":\"A\""));
    assertEquals(List.of("malformed"), scan("{\"type\":\"price_update\",\"seq\":1}"));
    assertEquals(List.of("malformed"), scan("{\"symbol\":\"A\",\"seq\":1}")); // no ts
    assertEquals(List.of("malformed"), scan("{\"a\":1} trailing"));
    assertEquals(List.of("update A seq=1 ts=2", "malformed"), scan("[{\"symbol\":\"A\",\"seq\":1,\"ts\":2},"));
    assertEquals(List.of("malformed"), scan("[1]"));
  }
}
