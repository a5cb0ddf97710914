package io.tickhub.server.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.tickhub.core.fanout.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One budget for the bytes the hub holds for stream clients that have not read them: every
 * stream channel's Netty outbound buffer plus what an SSE response has queued ahead of it.
 *
 * <p>Each connection is bounded on its own by its write-buffer water marks (its writer stops
 * at the high mark and the connection is conflated). This bounds their sum. At the budget:
 * <ul>
 *   <li>a connection holding more than its low-water mark takes no new data (its sink reports
 *       itself unwritable, so it is conflated like any slow client), while connections that keep
 *       up still get theirs;</li>
 *   <li>the connections holding the most bytes are closed with 4008 ({@code outbound budget}),
 *       largest first, until what the others hold fits; each is counted in
 *       {@code tickhub.limits.refused{limit="outbound-budget"}}. Their bytes are freed when they
 *       close, within the close timeout ({@link ClosingChannels}).</li>
 * </ul>
 * Checked by the stream ticker ten times a second once the sum has reached a sixteenth of the
 * budget, once a second below that (a check reads every channel's buffer: ten a second took ~4 % of a core at
 * 10,000 idle clients); between two checks the sum can grow by what connections write meanwhile,
 * each at most up to its high-water mark.
 *
 * <p>Not counted: the kernel's socket buffers (bounded per socket by {@code socket-send-buffer} ({@link SocketBuffers}), freed by
 * the hard close) and the connections' message queues, which hold references to updates encoded
 * once for every client (bounded in count by {@code tickhub.stream.buffer-messages}).
 */
public final class OutboundBudget {

    /** A stream channel's connection and the bytes its transport queues ahead of Netty (SSE), if any. */
    private record Tracked(Connection connection, LongSupplier queuedBytes) {
    }

    private final long budgetBytes;
    private final Map<Channel, Tracked> channels = new ConcurrentHashMap<>();
    private final Counter refused;
    private volatile boolean exhausted;
    /**
     * Channels whose writer the budget stopped (they park until told they may write): Netty sends
     * them no writability event when their buffer falls below its low-water mark, as it never
     * crossed the high one; {@link #enforce} wakes them then, or when the budget recovers.
     */
    private final Set<Channel> refusedWhileExhausted = ConcurrentHashMap.newKeySet();
    /** Below a sixteenth of the budget, one check in this many ticker rounds reads the channels. */
    private static final int ROUNDS_WHEN_LOW = 10;
    private long lastTotal; // ticker thread only
    private int roundsSkipped; // ticker thread only

    public OutboundBudget(long budgetBytes, MeterRegistry meters) {
        this.budgetBytes = budgetBytes;
        this.refused = Counter.builder("tickhub.limits.refused").tag("limit", "outbound-budget")
                .description("Refusals at a hub limit").register(meters);
        Gauge.builder("tickhub.stream.outbound.bytes", this, OutboundBudget::bytes).baseUnit("bytes")
                .description("Bytes written to stream clients that they have not taken yet (Netty outbound buffers and SSE queues)")
                .register(meters);
        Gauge.builder("tickhub.stream.outbound.budget.bytes", this, budget -> budget.budgetBytes).baseUnit("bytes")
                .description("tickhub.stream.outbound-budget").register(meters);
        Gauge.builder("tickhub.stream.sockets", channels, Map::size)
                .description("Open stream sockets, those being closed included").register(meters);
    }

    /** Counts {@code channel} in the budget until it closes or {@link #untrack} is called. */
    void track(Channel channel, Connection connection, LongSupplier queuedBytes) {
        channels.put(channel, new Tracked(connection, queuedBytes));
        channel.closeFuture().addListener(done -> untrack(channel));
    }

    /** The stream on {@code channel} has ended and the channel lives on (an SSE keep-alive connection). */
    void untrack(Channel channel) {
        channels.remove(channel);
        refusedWhileExhausted.remove(channel);
    }

    /** Whether {@code channel}'s writer may hand it more bytes now (besides Netty's own writability). */
    boolean admits(Channel channel) {
        if (!exhausted || nettyPending(channel) < channel.config().getWriteBufferLowWaterMark()) {
            return true;
        }
        refusedWhileExhausted.add(channel);
        return false;
    }

    /** The bytes held over every stream channel now. */
    public long bytes() {
        long total = 0;
        for (Map.Entry<Channel, Tracked> entry : channels.entrySet()) {
            total += bytes(entry.getKey(), entry.getValue());
        }
        return total;
    }

    /** Stream channels open now, those being closed included. */
    public int sockets() {
        return channels.size();
    }

    /** Applies the budget (see the class comment). Called by the stream ticker. */
    public void enforce() {
        if (!exhausted && lastTotal < budgetBytes / 16 && ++roundsSkipped < ROUNDS_WHEN_LOW) {
            return;
        }
        roundsSkipped = 0;
        long total = bytes();
        lastTotal = total;
        if (total <= budgetBytes) {
            if (exhausted) {
                exhausted = false;
                // Writers stopped by the budget get no writability event from Netty: wake them.
                refusedWhileExhausted.clear();
                channels.values().forEach(tracked -> tracked.connection().writable());
            }
            return;
        }
        exhausted = true;
        wakeRefusedBelowLowWater();
        List<Map.Entry<Channel, Long>> open = new ArrayList<>();
        long closing = 0;
        for (Map.Entry<Channel, Tracked> entry : channels.entrySet()) {
            long held = bytes(entry.getKey(), entry.getValue());
            if (entry.getValue().connection().isClosed()) {
                closing += held; // freed within the close timeout
            } else {
                open.add(Map.entry(entry.getKey(), held));
            }
        }
        long excess = total - closing - budgetBytes;
        open.sort(Map.Entry.<Channel, Long>comparingByValue(Comparator.reverseOrder()));
        for (Map.Entry<Channel, Long> largest : open) {
            if (excess <= 0 || largest.getValue() == 0) {
                break;
            }
            Tracked tracked = channels.get(largest.getKey());
            if (tracked != null) {
                tracked.connection().closeAtOnce(Connection.SLOW_CONSUMER, "outbound budget");
                refused.increment();
                excess -= largest.getValue();
            }
        }
    }

    /** Wakes each writer the budget stopped whose buffer its client has since read below the low-water mark. */
    private void wakeRefusedBelowLowWater() {
        for (Channel channel : refusedWhileExhausted) {
            if (nettyPending(channel) < channel.config().getWriteBufferLowWaterMark()) {
                refusedWhileExhausted.remove(channel);
                Tracked tracked = channels.get(channel);
                if (tracked != null) {
                    tracked.connection().writable();
                }
            }
        }
    }

    private static long bytes(Channel channel, Tracked tracked) {
        return nettyPending(channel) + tracked.queuedBytes().getAsLong();
    }

    /** Bytes in {@code channel}'s Netty outbound buffer (a volatile read; safe off the event loop). */
    static long nettyPending(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
