package io.tickhub.bench.load;

import io.netty.channel.Channel;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** Life cycle of one client connection: connecting, then ok or failed; once ok, maybe dropped. */
final class Connection {
  final int index;
  private final ConnTracker tracker;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile boolean open;
  volatile Channel channel;
  volatile Future<?> timeout;
  /** Close status received from the server, if any (event-loop thread). */
  String closeReason;

  Connection(int index, ConnTracker tracker) {
    this.index = index;
    this.tracker = tracker;
  }

  boolean isOpen() {
    return open;
  }

  /** WebSocket handshake done and subscribe sent. */
  void ok() {
    if (settled.compareAndSet(false, true)) {
      open = true;
      tracker.ok.incrementAndGet();
      done();
    }
  }

  /** The attempt failed (connect error, timeout, handshake refused); closes the channel. */
  void fail(String reason) {
    if (settled.compareAndSet(false, true)) {
      tracker.failed(reason);
      done();
    }
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  /** The channel is gone. */
  void inactive() {
    if (!settled.get()) {
      fail(closeReason != null ? "closed during handshake: " + closeReason : "closed during handshake");
      return;
    }
    if (open) {
      open = false;
      if (!tracker.stopping) {
        tracker.dropped(closeReason != null ? closeReason : "connection closed by peer or error");
      }
    }
  }

  private void done() {
    Future<?> t = timeout;
    if (t != null) {
      t.cancel(false);
    }
    tracker.inFlight.release();
    tracker.settled.countDown();
  }
}
