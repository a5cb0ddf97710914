package io.tickhub.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of {@code @tickhub/client}'s live suites (src/main/client/src/*.test.ts) run by vitest in
 * Node against hubs this test started, their addresses in environment variables. The suite writes
 * {@code kill} into its control file when the hub it is on should die; the test does the killing
 * ({@link #killRequested()}) and then waits for the verdict ({@link #assertPassed}). Runs only where
 * src/main/client/node_modules exists (the build with the frontend), and always on CI.
 */
public final class TypeScriptLiveSuite implements AutoCloseable {

    public static final Path CLIENT = Path.of("src/main/client");

    private final Process process;
    private final Path control;
    private final Path log;

    private TypeScriptLiveSuite(Process process, Path control, Path log) {
        this.process = process;
        this.control = control;
        this.log = log;
    }

    /** Whether Node and the client's packages are there; without them (-Dfrontend.skip), off CI, the suites are skipped. */
    public static boolean runnable() {
        return Files.isDirectory(CLIENT.resolve("node_modules")) || System.getenv("CI") != null;
    }

    /** Starts {@code vitest run file} with these variables, plus {@code TICKHUB_CONTROL}; its files go in {@code dir}. */
    public static TypeScriptLiveSuite start(String file, Map<String, String> env, Path dir) {
        Path control = dir.resolve("control");
        Path log = dir.resolve("vitest.log");
        ProcessBuilder vitest = new ProcessBuilder("node", "node_modules/vitest/vitest.mjs", "run", file)
                .directory(CLIENT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        vitest.environment().putAll(env);
        vitest.environment().put("TICKHUB_CONTROL", control.toString());
        vitest.environment().put("NO_COLOR", "1");
        try {
            return new TypeScriptLiveSuite(vitest.start(), control, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The suite asked for its hub to be killed. */
    public boolean killRequested() {
        return Files.exists(control);
    }

    public boolean ended() {
        return !process.isAlive();
    }

    /** Waits for vitest to end and requires an exit of 0 with {@code passed} tests passed (e.g. {@code "5 passed"}). */
    public void assertPassed(Duration timeout, int passed) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("vitest ended in time: " + log()).isTrue();
        System.out.println(log()); // its figures (stats, reconnects) in the test's report
        assertThat(process.exitValue()).as(log()).isZero();
        assertThat(log()).containsPattern("Tests +" + passed + " passed");
    }

    /** Its output so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
