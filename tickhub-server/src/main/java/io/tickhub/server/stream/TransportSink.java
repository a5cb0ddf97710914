package io.tickhub.server.stream;

import io.tickhub.core.fanout.FrameSink;

/** A {@link FrameSink} on a Netty channel that frees its connection's subscriptions the moment it closes. */
interface TransportSink extends FrameSink {

    /**
     * What {@link #close} runs first, before the close frame is even written: the connection is
     * unsubscribed and its queue freed at once, not when a client that reads nothing lets go.
     */
    void releaseOnClose(Runnable release);
}
