package io.tickhub.server.store;

import io.tickhub.core.quote.Quote;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Loads price points into PostgreSQL with {@code COPY ... FROM STDIN}: one round trip per
 * chunk and no per-row statement, several times faster than batched {@code INSERT}s.
 * Symbols and provider names never contain a comma, quote or newline (they are validated), so
 * the CSV needs no quoting; instants are ISO-8601 at full precision. Public for the ingest
 * benchmark, whose raw-COPY ceiling sends exactly these bytes.
 */
public final class PostgresCopyLoader implements PricePointLoader {

    private static final String COPY = "COPY price_points (" + StoreRows.QUOTE_COLUMNS
            + ") FROM STDIN (FORMAT csv)";
    private static final int CHUNK_BYTES = 1 << 18;

    @Override
    public void load(Connection connection, List<Quote> quotes) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            StringBuilder csv = new StringBuilder(CHUNK_BYTES + 256);
            for (Quote q : quotes) {
                csv.append(q.symbol()).append(',').append(q.seq()).append(',').append(q.price()).append(',');
                if (q.bid() != null) {
                    csv.append(q.bid().doubleValue());
                }
                csv.append(',');
                if (q.ask() != null) {
                    csv.append(q.ask().doubleValue());
                }
                csv.append(',').append(q.volume()).append(',').append(q.provider()).append(',')
                        .append(q.providerTime()).append(',')
                        .append(q.hubTime()).append(',');
                if (q.rawId() != null) {
                    csv.append(q.rawId()); // adapter-chosen ids: letters, digits, '-' and '_' only, no CSV quoting needed
                }
                csv.append('\n');
                if (csv.length() >= CHUNK_BYTES) {
                    send(copy, csv);
                }
            }
            send(copy, csv);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder csv) throws SQLException {
        byte[] bytes = csv.toString().getBytes(StandardCharsets.US_ASCII);
        copy.writeToCopy(bytes, 0, bytes.length);
        csv.setLength(0);
    }
}
