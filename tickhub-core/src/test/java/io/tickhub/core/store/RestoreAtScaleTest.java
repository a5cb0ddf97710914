package io.tickhub.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up restore at the scale docs/operations.md quotes: 500 symbols × 1,000 points, in a JVM
 * with the hub's smallest documented heap (-Xmx256m). The figure is printed; the bound is loose (a
 * shared 2-core CI machine), the point being that it is seconds, not the minute it once was.
 */
class RestoreAtScaleTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiveHundredSymbolsOfAThousandPointsRestoreInSecondsWithA256MbHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:MaxTenuringThreshold=0",
                "-cp", System.getProperty("java.class.path"), RestoreAtScale.class.getName(),
                dir.resolve("journal").toString(), "500", "1000"))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        String line = output.lines().filter(l -> l.startsWith("restored ")).findFirst().orElseThrow();
        System.out.println("RestoreAtScaleTest: " + line + " (symbols, quotes, ms in all, ms for the book, ticks refolded into bars)");
        String[] fields = line.split(" ");
        assertThat(Integer.parseInt(fields[1])).isEqualTo(500);
        assertThat(Integer.parseInt(fields[2])).isEqualTo(500_000);
        assertThat(Long.parseLong(fields[3])).as("restore ms").isLessThan(10_000);
    }
}
