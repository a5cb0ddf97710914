package io.tickhub.client;

import java.util.Map;

/** A message of the native protocol, as the client's loop reads it (docs/protocol.md "Server → client"). */
sealed interface HubMessage {

    /** The first message: the stream epoch, the heartbeat interval, whether {@code auth} is required. */
    record Connected(String clientId, String epoch, long heartbeatMs, boolean authRequired) implements HubMessage {
    }

    record Update(Quote quote) implements HubMessage {
    }

    record BarUpdate(Bar bar) implements HubMessage {
    }

    record NewsItem(News news) implements HubMessage {
    }

    /** The answer to a resume: {@code complete} false means the hub could not replay from {@code from}. */
    record Recovered(String symbol, long from, long to, boolean complete, String epoch) implements HubMessage {
    }

    /** After a quiet spell: the last seq the hub sent this connection, per subscribed symbol. */
    record Heartbeat(Map<String, Long> seqs) implements HubMessage {
    }

    record Error(HubError error) implements HubMessage {
    }

    /** {@code auth} replies and warnings: {@code status} is {@code ok} or {@code expiring}. */
    record Auth(String status, String expiresAt) implements HubMessage {
    }

    /** Replies the client needs nothing from ({@code subscription}, {@code pong}, ...). */
    record Other(String type) implements HubMessage {
    }
}
