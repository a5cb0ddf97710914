package io.tickhub.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hub in a JVM of its own, started from this test's classpath with the main class and
 * command-line properties, as a deployment starts the jar. Its output goes to
 * {@code target/cluster-logs/<name>.log}. {@link #kill()} is {@code kill -9}.
 */
public final class HubProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ChildJvm process;
    private final Path log;

    private HubProcess(String name, int port, ChildJvm process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code io.tickhub.server.TickhubApplication} on a free port with these {@code --key=value} properties. */
    public static HubProcess start(String name, List<String> properties) {
        return start(name, properties, List.of());
    }

    /**
     * As {@link #start(String, List)}, the JVM's command line preceded by {@code wrapper}, e.g.
     * {@code prlimit --nofile=600:600 --} for a descriptor limit of its own.
     */
    public static HubProcess start(String name, List<String> properties, List<String> wrapper) {
        return start(name, properties, wrapper, List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    }

    /** As {@link #start(String, List, List)}, with these JVM options instead of the tests' small defaults. */
    public static HubProcess start(String name, List<String> properties, List<String> wrapper, List<String> jvmOptions) {
        return start(name, FreePorts.next(), properties, wrapper, jvmOptions);
    }

    /** As {@link #start(String, List)}, on {@code port}: a hub restarted where its clients know to find it. */
    public static HubProcess start(String name, int port, List<String> properties) {
        return start(name, port, properties, List.of(), List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    }

    private static HubProcess start(String name, int port, List<String> properties, List<String> wrapper,
                                    List<String> jvmOptions) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.application.name=tickhub-" + name));
        args.addAll(properties);
        ChildJvm process = ChildJvm.start(name, wrapper, jvmOptions, "io.tickhub.server.TickhubApplication", args);
        return new HubProcess(name, port, process, ChildJvm.log(name));
    }

    /** The process id of its JVM (or of the wrapper that runs it), for /proc readings. */
    public long pid() {
        return process.pid();
    }

    /** Its log so far. */
    public String log() {
        try {
            return java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** Waits until {@code /health} answers 200, failing early (with the log's path) if the JVM exits. */
    public HubProcess awaitUp(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("hub " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            return status("/health") == 200;
        });
        return this;
    }

    /** The status of a GET, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET that must answer 200. */
    public String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(name + " GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The value of a meter on {@code /actuator/prometheus}, summed over its labels; 0 when the
     * meter is not there.
     */
    public double metric(String name) {
        return metric(name, "");
    }

    /** As {@link #metric(String)}, over the series whose labels contain {@code label} (e.g. {@code reason="not_owner"}). */
    public double metric(String name, String label) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").build();
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .filter(line -> label.isEmpty() || line.substring(0, line.lastIndexOf(' ')).contains(label))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").build();
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to clients. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM: a graceful shutdown. */
    @Override
    public void close() {
        process.stop();
    }
}
