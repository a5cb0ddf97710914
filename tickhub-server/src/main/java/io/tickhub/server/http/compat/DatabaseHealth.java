package io.tickhub.server.http.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.store.StoreWriterStatus;

/**
 * The store in {@code /health}.
 *
 * @param status      {@code connected}, or {@code error} when the database does not answer or the last write failed
 * @param vendor      {@code H2} or {@code PostgreSQL}
 * @param backlog     rows waiting to be written
 * @param written     rows written since start
 * @param overflow    rows refused because the backlog was full (lost, counted)
 * @param lastError   why the database last failed, or null
 * @param lastWrite   when a write last succeeded, or null
 */
public record DatabaseHealth(String status, String vendor, long backlog, long written, long overflow,
                             @JsonProperty("last_error") String lastError,
                             @JsonProperty("last_write") String lastWrite) {

    static DatabaseHealth of(String vendor, boolean reachable, StoreWriterStatus writer) {
        boolean up = reachable && writer.up();
        return new DatabaseHealth(up ? "connected" : "error", vendor, writer.backlog(), writer.written(),
                writer.overflow(), writer.lastError(), Timestamps.iso(writer.lastSuccess()));
    }

    boolean up() {
        return "connected".equals(status);
    }
}
