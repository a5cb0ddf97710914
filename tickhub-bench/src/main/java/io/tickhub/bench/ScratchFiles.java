package io.tickhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benchmarks' scratch directories: made fresh for a run, deleted after it. */
public final class ScratchFiles {

    private ScratchFiles() {
    }

    /**
     * Deletes {@code root} and everything below it; a failure is a warning on stderr, not an error
     * (a benchmark's figures stand even if its scratch files could not be removed).
     */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("[bench] warning: could not delete " + root + ": " + e);
        }
    }
}
