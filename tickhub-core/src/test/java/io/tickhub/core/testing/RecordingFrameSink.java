package io.tickhub.core.testing;

import io.tickhub.core.fanout.FrameSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameSink} that records what a connection's writer did with it: every frame written
 * (the {@code byte[]} instances themselves, so a test can check that bytes are shared), flushes,
 * pings and the close. {@link #setWritable} plays a transport whose buffer is full.
 *
 * <p>Confined to the writer's thread, as the port says; with a {@link ManualExecutor} that is
 * the test thread.
 */
public final class RecordingFrameSink implements FrameSink {

    private final List<byte[]> writes = new ArrayList<>();
    private boolean writable = true;
    private int flushes;
    private int writesAtLastFlush;
    private int pings;
    private int queuedPings;
    private int closes;
    private Integer closeCode;
    private String closeReason;
    private int writesAfterClose;
    private Runnable onFlush = () -> { };
    private int fullChecks;

    public void setWritable(boolean writable) {
        this.writable = writable;
    }

    /**
     * The next {@code checks} calls of {@link #isWritable} answer false, whatever {@link #setWritable}
     * says: a transport another thread frees while the writer is between two checks.
     */
    public void fullForNextChecks(int checks) {
        this.fullChecks = checks;
    }

    @Override
    public boolean isWritable() {
        if (fullChecks > 0) {
            fullChecks--;
            return false;
        }
        return writable;
    }

    @Override
    public void write(byte[] utf8) {
        if (closeCode != null) {
            writesAfterClose++;
        }
        writes.add(utf8);
    }

    /** Runs {@code hook} after every flush: what another thread does while the writer writes. */
    public void onFlush(Runnable hook) {
        this.onFlush = hook;
    }

    @Override
    public void flush() {
        flushes++;
        writesAtLastFlush = writes.size();
        onFlush.run();
    }

    @Override
    public void ping() {
        pings++;
    }

    /** Counted as a ping, and as one that waited for the next flush (see {@link #queuedPings}). */
    @Override
    public void queuePing() {
        pings++;
        queuedPings++;
    }

    /** Pings that went out with the next flush instead of a write of their own. */
    public int queuedPings() {
        return queuedPings;
    }

    @Override
    public void close(int code, String reason) {
        closes++;
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    /** Every frame written, in order, as the very arrays the writer passed. */
    public List<byte[]> writes() {
        return List.copyOf(writes);
    }

    /** Every frame written, decoded as UTF-8. */
    public List<String> frames() {
        return writes.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** Frames that a flush has pushed to the network. */
    public List<String> flushedFrames() {
        return frames().subList(0, writesAtLastFlush);
    }

    public int flushes() {
        return flushes;
    }

    public int pings() {
        return pings;
    }

    public boolean isClosed() {
        return closeCode != null;
    }

    /** The first close's code, or {@code null} while open. */
    public Integer closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** How many times {@link #close} was called (a transport closes once). */
    public int closes() {
        return closes;
    }

    /** Frames written after the close: always a bug. */
    public int writesAfterClose() {
        return writesAfterClose;
    }

    @Override
    public String toString() {
        return "RecordingFrameSink[" + writes.size() + " frames, " + flushes + " flushes, " + pings + " pings"
                + (closeCode == null ? "" : ", closed " + closeCode + " " + closeReason) + "]";
    }
}
