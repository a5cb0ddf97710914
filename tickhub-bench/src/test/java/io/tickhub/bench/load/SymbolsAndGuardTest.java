package io.tickhub.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickhub.bench.CommandLine;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolsAndGuardTest {

  @Test
  void namesAndAssignmentMatchTheNodeHarness() {
    assertEquals(List.of("S0000", "S0001", "S0002"), Symbols.generated("S", 3));
    assertEquals("X12344", Symbols.generated("X", 12345).get(12344));
    assertEquals(List.of("AAPL", "MSFT", "IBM"), Symbols.parse(" AAPL,MSFT\n\nIBM AAPL "));
    assertArrayEquals(new int[] {490, 491, 492, 493, 494, 495, 496, 497, 498, 499},
        Symbols.forConnection(49, 10, 500, Symbols.Assign.RR, 1));
    assertArrayEquals(new int[] {2, 3, 4, 5}, Symbols.forConnection(3, 4, 10, Symbols.Assign.RR, 1));
    assertArrayEquals(new int[] {0, 1, 2}, Symbols.forConnection(0, 10, 3, Symbols.Assign.RR, 1));
    // values printed by shared/bench/fanout/lib/common.js clientSymbols(i, K, S, 'random', seed)
    assertArrayEquals(new int[] {282, 97, 68, 122, 44, 356, 155, 12, 496, 446},
        Symbols.forConnection(0, 10, 500, Symbols.Assign.RANDOM, 1));
    assertArrayEquals(new int[] {258, 284, 136, 386, 92, 395, 350, 472, 117, 458},
        Symbols.forConnection(999, 10, 500, Symbols.Assign.RANDOM, 1));
    assertArrayEquals(new int[] {4, 3, 8, 1, 9}, Symbols.forConnection(7, 5, 13, Symbols.Assign.RANDOM, 42));
    assertEquals(4.0, Symbols.fanout(200, 10, 500));
  }

  @Test
  void symbolTableLooksUpByteRanges() {
    SymbolTable t = new SymbolTable(Symbols.generated("S", 500));
    byte[] b = "xx\"S0042\"".getBytes(StandardCharsets.UTF_8);
    assertEquals(42, t.id(b, 3, 5));
    assertEquals(-1, t.id(b, 3, 4));
    assertThrows(IllegalArgumentException.class, () -> new SymbolTable(List.of("A", "A")));
  }

  @Test
  void onlyLoopbackTargets() throws Exception {
    for (String h : List.of("localhost", "LOCALHOST", "127.0.0.1", "127.255.0.9", "::1", "[::1]", "0:0:0:0:0:0:0:1")) {
      assertTrue(LoopbackGuard.isAllowedHost(h), h);
    }
    for (String h : List.of("10.0.0.1", "0.0.0.0", "128.0.0.1", "127.0.0.256", "127.1", "example.com",
        "127.0.0.1.nip.io", "localhost.example.com", "::", "::ffff:127.0.0.1", "::2", "", "[::1")) {
      assertFalse(LoopbackGuard.isAllowedHost(h), h);
    }
    assertEquals(18080, LoopbackGuard.resolve(new URI("ws://127.0.0.1:18080/ws")).getPort());
    assertTrue(LoopbackGuard.resolve(new URI("ws://[::1]:1/ws")).getAddress().isLoopbackAddress());
    assertThrows(LoopbackGuard.RefusedException.class, () -> LoopbackGuard.resolve(new URI("ws://192.168.1.1/ws")));
    assertThrows(LoopbackGuard.RefusedException.class, () -> LoopbackGuard.resolve(new URI("wss://127.0.0.1/ws")));
    assertThrows(LoopbackGuard.RefusedException.class, () -> LoopbackGuard.resolve(new URI("http://127.0.0.1/ws")));
  }

  @Test
  void options() throws Exception {
    Options o = Options.parse(new String[] {"--url", "ws://127.0.0.1:18080/ws?batch=1", "--connections=200",
        "--symbols-per-conn", "10", "--sym-prefix", "S", "--symbol-count", "500", "--duration", "10",
        "--assign", "random", "--json"});
    assertEquals(200, o.connections);
    assertEquals("batch=1", o.url.getQuery());
    assertEquals(Symbols.Assign.RANDOM, o.assign);
    assertTrue(o.json);
    assertThrows(CommandLine.UsageException.class, () -> Options.parse(new String[] {"--duration", "0"}));
    assertThrows(CommandLine.UsageException.class, () -> Options.parse(new String[] {"--nope", "1"}));
    assertThrows(CommandLine.UsageException.class, () -> Options.parse(new String[] {"--threads"}));
    assertThrows(CommandLine.UsageException.class,
        () -> Options.parse(new String[] {"--symbols-file", "f", "--symbol-count", "3"}));
    assertEquals("{\"action\":\"subscribe\",\"symbols\":[\"S0001\",\"a\\\"b\"]}",
        LoadGenerator.subscribeJson(List.of("S0000", "S0001", "a\"b"), new int[] {1, 2}));
  }
}
