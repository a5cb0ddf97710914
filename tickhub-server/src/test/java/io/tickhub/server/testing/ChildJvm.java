package io.tickhub.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a test as a deployment starts one: the same {@code java} and this test's
 * classpath, a main class and its arguments, the output appended to
 * {@code target/cluster-logs/<name>.log}. Stopped gracefully (SIGTERM) or killed ({@code kill -9}).
 */
final class ChildJvm {

    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    static Path log(String name) {
        try {
            return Files.createDirectories(Path.of("target", "cluster-logs")).resolve(name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChildJvm start(String name, List<String> jvmOptions, String mainClass, List<String> args) {
        return start(name, List.of(), jvmOptions, mainClass, args);
    }

    /** As above, the command preceded by {@code wrapper} (e.g. {@code prlimit --nofile=N:N --}). */
    static ChildJvm start(String name, List<String> wrapper, List<String> jvmOptions, String mainClass,
                          List<String> args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass + " (" + name + ")", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Waits up to 30 s for it to end; false if it has not. */
    boolean waitFor() {
        try {
            return process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, a graceful shutdown; {@code kill -9} if it has not ended within 30 s. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor()) {
                kill();
            }
        }
    }
}
