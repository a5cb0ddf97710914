package io.tickhub.core.fanout;

/**
 * The transport under one client connection (a WebSocket channel, an SSE response). Port: the
 * server implements it on Netty. Every method is called on the connection's writer thread (its
 * event loop), never concurrently.
 */
public interface FrameSink {

    /**
     * False while the transport's own outbound buffer is over its high-water mark. The connection's
     * writer then parks until told otherwise: a transport that answers false must call
     * {@link Connection#writable} once it can take data again, or the connection receives nothing more.
     */
    boolean isWritable();

    /** Queues one text message; nothing reaches the network before {@link #flush}. */
    void write(byte[] utf8);

    /**
     * Queues one text message held in part of a buffer the caller reuses: the sink must copy what
     * it keeps before returning. Lets a batch go out without first being copied into an array of
     * its own.
     */
    default void write(byte[] buffer, int offset, int length) {
        write(java.util.Arrays.copyOfRange(buffer, offset, offset + length));
    }

    void flush();

    /** Sends a transport-level ping (WebSocket ping frame); a no-op for transports without one. */
    void ping();

    /**
     * Queues a transport-level ping to go out with the next {@link #flush}, so that a ping due with a
     * heartbeat shares its write (one system call per idle connection per interval, not two). By
     * default it is sent at once.
     */
    default void queuePing() {
        ping();
    }

    /**
     * Closes with a protocol close code (1000, 1001, 1009, 4008, 4029, ...) and a short reason.
     * Nothing is written after it. The transport must not wait on the peer for ever: a peer that
     * reads nothing cannot take the close frame, so the transport ends the socket after a bounded time.
     */
    void close(int code, String reason);
}
