package io.tickhub.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.tickhub.bench.CommandLine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket load generator for Tickhub's native protocol (loopback targets only).
 *
 * <p>Opens N connections, each subscribing to K of S symbols, lets them settle, warms up, measures
 * for a fixed window, closes everything and prints a report. Bounded in time: each connection attempt
 * times out after 5 s, the connect phase after {@value #CONNECT_PHASE_S} s, and the process halts at
 * warm-up + duration + 30 s whatever happens. See {@code tickhub-bench/README.md}.
 *
 * <p>Exit status: 0 after a run (whatever it measured), 1 when no connection could be made, 2 on a
 * usage error or a refused target, 3 if the hard deadline had to stop a run that did not finish.
 */
public final class LoadGenerator {
  static final int CONNECT_TIMEOUT_MS = 5_000;
  static final int CONNECT_PHASE_S = 15;
  static final int HARD_DEADLINE_EXTRA_S = 30;
  static final int MAX_FRAME = 16 * 1024 * 1024;

  /** Exit status once the report is out; the watchdog uses it if exiting itself hangs. */
  private static volatile int finishedCode = -1;

  private LoadGenerator() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out, System.err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = 3;
    }
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    final long t0 = System.nanoTime();
    Options o;
    try {
      o = Options.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("error: " + e.getMessage());
      err.print(Options.USAGE);
      return 2;
    }
    if (o.help) {
      out.print(Options.USAGE);
      return 0;
    }
    InetSocketAddress addr;
    try {
      addr = LoopbackGuard.resolve(o.url);
    } catch (LoopbackGuard.RefusedException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    List<String> names;
    try {
      if (o.symbolsFile != null) {
        names = Symbols.fromFile(Path.of(o.symbolsFile));
      } else if (o.symbols != null) {
        names = Symbols.parse(o.symbols);
      } else {
        names = Symbols.generated(o.symPrefix, o.symbolCount);
      }
    } catch (IOException e) {
      err.println("error: cannot read --symbols-file " + o.symbolsFile + ": " + e);
      return 2;
    }
    if (names.isEmpty()) {
      err.println("error: no symbols");
      return 2;
    }
    boolean epoll = switch (o.transport) {
      case EPOLL -> true;
      case NIO -> false;
      case AUTO -> Epoll.isAvailable();
    };
    if (epoll && !Epoll.isAvailable()) {
      err.println("error: --transport epoll is not available here: " + Epoll.unavailabilityCause());
      return 2;
    }

    // Hard deadline: whatever happens, the process ends at warm-up + duration + 30 s.
    final long deadline = t0 + TimeUnit.SECONDS.toNanos((long) o.warmup + o.duration + HARD_DEADLINE_EXTRA_S);
    Thread watchdog = new Thread(() -> watchdog(deadline, err), "loadgen-deadline");
    watchdog.setDaemon(true);
    watchdog.start();

    final MicroClock clock = MicroClock.calibrated();
    final SymbolTable table = new SymbolTable(names);
    final int s = names.size();
    final MeasureWindow window = new MeasureWindow();
    final ConnTracker tracker = new ConnTracker(o.connections, o.connectConcurrency);

    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    MultiThreadIoEventLoopGroup group =
        new MultiThreadIoEventLoopGroup(o.threads, new DefaultThreadFactory("loadgen-loop", true), io);
    List<EventLoop> loops = new ArrayList<>();
    for (EventExecutor e : group) {
      loops.add((EventLoop) e);
    }
    List<LoopStats> loopStats = new ArrayList<>();
    for (int i = 0; i < loops.size(); i++) {
      loopStats.add(new LoopStats(o.duration));
    }

    WebSocketClientProtocolConfig wsConfig = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(o.url)
        .version(WebSocketVersion.V13)
        .allowExtensions(false)
        .maxFramePayloadLength(MAX_FRAME)
        .handleCloseFrames(false)
        .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
        .forceCloseTimeoutMillis(1_000)
        .dropPongFrames(true)
        .handshakeTimeoutMillis(CONNECT_TIMEOUT_MS)
        .withUTF8Validator(false) // the scanner copes with any bytes; validating costs CPU per frame
        .build();
    Bootstrap base = new Bootstrap()
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .option(ChannelOption.TCP_NODELAY, true);

    String transport = epoll ? "epoll" : "nio";
    if (!o.json) {
      err.printf("[loadgen] %d connections to %s (%s), K=%d of S=%d symbols (%s), warm-up %d s, window %d s%n",
          o.connections, o.url, transport, Math.min(o.symbolsPerConn, s), s, o.assign, o.warmup, o.duration);
    }

    // 1. Connect phase.
    final long connectStart = System.nanoTime();
    final long connectBudgetEnd = connectStart + TimeUnit.SECONDS.toNanos(CONNECT_PHASE_S);
    List<Connection> conns = new ArrayList<>(o.connections);
    int launched = 0;
    for (int i = 0; i < o.connections; i++) {
      long waitNs = connectBudgetEnd - System.nanoTime();
      if (waitNs <= 0 || !tracker.inFlight.tryAcquire(waitNs, TimeUnit.NANOSECONDS)) {
        break;
      }
      int loopIdx = i % loops.size();
      EventLoop loop = loops.get(loopIdx);
      LoopStats ls = loopStats.get(loopIdx);
      int[] idx = Symbols.forConnection(i, o.symbolsPerConn, s, o.assign, o.seed);
      String subscribe = subscribeJson(names, idx);
      Connection conn = new Connection(i, tracker);
      FrameProcessor proc = new FrameProcessor(table, idx, ls, window);
      WsClientHandler handler = new WsClientHandler(conn, proc, ls, clock, subscribe);
      Bootstrap b = base.clone(loop).handler(new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
          ChannelPipeline p = ch.pipeline();
          p.addLast(new HttpClientCodec());
          p.addLast(new HttpObjectAggregator(65_536));
          p.addLast(new WebSocketClientProtocolHandler(wsConfig));
          p.addLast(new WebSocketFrameAggregator(MAX_FRAME));
          p.addLast(handler);
        }
      });
      conn.timeout = loop.schedule(
          () -> conn.fail("connect+handshake timeout (" + CONNECT_TIMEOUT_MS / 1000 + " s)"),
          CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      ChannelFuture f = b.connect(addr);
      conn.channel = f.channel();
      f.addListener(fu -> {
        if (!fu.isSuccess()) {
          Throwable c = fu.cause();
          conn.fail("connect: " + (c == null ? "cancelled" : c.getClass().getSimpleName() + ": " + c.getMessage()));
        }
      });
      conns.add(conn);
      launched++;
    }
    for (int i = launched; i < o.connections; i++) {
      tracker.failed("not attempted: connect phase budget (" + CONNECT_PHASE_S + " s) used up");
      tracker.settled.countDown();
    }
    long settleWaitNs = Math.max(0, connectBudgetEnd - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS + 500);
    tracker.settled.await(settleWaitNs, TimeUnit.NANOSECONDS);
    long connectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart);

    Report r = new Report();
    r.url = o.url.toString();
    r.transport = transport;
    r.threads = o.threads;
    r.connections = o.connections;
    r.k = o.symbolsPerConn;
    r.s = s;
    r.assign = o.assign.toString();
    r.warmup = o.warmup;
    r.duration = o.duration;
    r.rate = o.rate;
    r.connectMs = connectMs;

    int exit = 0;
    if (tracker.ok.get() == 0) {
      r.note = "no connection could be made";
      exit = 1;
    } else {
      // 2. Warm-up and measurement window, timed from the end of the connect phase.
      long startUs = clock.nowMicros() + o.warmup * 1_000_000L;
      long endUs = startUs + o.duration * 1_000_000L;
      window.open(startUs, endUs);
      if (!o.json) {
        err.printf("[loadgen] connected %d, failed %d in %.2f s; warming up %d s, then measuring %d s%n",
            tracker.ok.get(), tracker.failed.get(), connectMs / 1000.0, o.warmup, o.duration);
      }
      long left;
      while ((left = endUs - clock.nowMicros()) > 0) {
        Thread.sleep(Math.max(1, Math.min(left / 1000, 500)));
      }
    }

    // 3. Close everything (closes are no longer drops), then collect the counters on each loop.
    tracker.stopping = true;
    List<ChannelFuture> closing = new ArrayList<>();
    for (Connection c : conns) {
      Channel ch = c.channel;
      if (ch != null) {
        closing.add(ch.close());
      }
    }
    long closeEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (ChannelFuture f : closing) {
      long ns = closeEnd - System.nanoTime();
      if (ns <= 0 || !f.awaitUninterruptibly(ns, TimeUnit.NANOSECONDS)) {
        break;
      }
    }
    LoopStats total = new LoopStats(o.duration);
    for (int i = 0; i < loops.size(); i++) {
      LoopStats ls = loopStats.get(i);
      try {
        LoopStats copy = loops.get(i).submit(() -> {
          LoopStats c = new LoopStats(o.duration);
          c.add(ls);
          return c;
        }).get(2, TimeUnit.SECONDS);
        total.add(copy);
      } catch (Exception e) {
        err.println("[loadgen] warning: event loop " + i + " did not answer (" + e + "); its counters may be incomplete");
        total.add(ls);
      }
    }
    group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);

    r.connOk = tracker.ok.get();
    r.connFailed = tracker.failed.get();
    r.connDropped = tracker.dropped.get();
    r.failSamples = tracker.failSamples(5);
    r.dropSamples = tracker.dropSamples(5);
    r.stats = total;
    if (o.json) {
      out.println(r.json());
    } else {
      out.print(r.table());
    }
    out.flush();
    if (exit == 1) {
      err.println("error: no connection could be made to " + o.url);
    }
    finishedCode = exit;
    return exit;
  }

  /** {@code {"action":"subscribe","symbols":[...]}} for the given symbol indices. */
  static String subscribeJson(List<String> names, int[] idx) {
    StringBuilder b = new StringBuilder(32 + idx.length * 10);
    b.append("{\"action\":\"subscribe\",\"symbols\":[");
    for (int j = 0; j < idx.length; j++) {
      if (j > 0) {
        b.append(',');
      }
      Report.quote(b, names.get(idx[j]));
    }
    return b.append("]}").toString();
  }

  private static void watchdog(long deadline, PrintStream err) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        // keep waiting: only the deadline ends this thread
      }
    }
    int done = finishedCode;
    if (done < 0) {
      err.println("[loadgen] hard deadline reached (warm-up + duration + " + HARD_DEADLINE_EXTRA_S + " s): exiting");
    }
    err.flush();
    System.out.flush();
    Runtime.getRuntime().halt(done < 0 ? 3 : done);
  }
}
