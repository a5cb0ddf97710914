package io.tickhub.server.provider.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Stateless, thread-safe: real-format upstream bodies kept under {@code src/test/resources/upstream/}. */
public final class UpstreamFixtures {

    private UpstreamFixtures() {
    }

    /** The fixture {@code upstream/<name>}, exactly as stored (bytes matter: payloads must be kept unchanged). */
    public static String read(String name) {
        try (InputStream in = UpstreamFixtures.class.getResourceAsStream("/upstream/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture upstream/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
