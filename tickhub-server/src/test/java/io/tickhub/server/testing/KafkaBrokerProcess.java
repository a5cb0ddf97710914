package io.tickhub.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.springframework.util.FileSystemUtils;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) in a JVM of its own, started
 * from this test's classpath with Kafka's own main class, on fixed ports and log directories, so
 * it can be killed ({@code kill -9}) and started again as the same broker with the same data:
 * what spring-kafka-test's in-process broker cannot do. Its output goes to
 * {@code target/cluster-logs/kafka.log}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final List<String> BROKER_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private ChildJvm process;

    private KafkaBrokerProcess(Path dir, Path config, Path log, int port) {
        this.dir = dir;
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /** Formats fresh log directories, starts the broker and waits until it answers. */
    public static KafkaBrokerProcess start(Duration timeout) {
        try {
            Path dir = Files.createTempDirectory("tickhub-kafka");
            int port = FreePorts.next();
            int controllerPort = FreePorts.next();
            Path config = dir.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("logs"),
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=4",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    // A killed broker's registration lapses after this; the restarted one waits for that.
                    "broker.session.timeout.ms=3000",
                    "broker.heartbeat.interval.ms=500",
                    ""));
            KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, config, ChildJvm.log("kafka"), port);
            ChildJvm.start("kafka", BROKER_JVM, "kafka.tools.StorageTool",
                    List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())).waitFor();
            broker.restart(timeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker on its ports and data (again) and waits until it serves requests. */
    public void restart(Duration timeout) {
        process = ChildJvm.start("kafka", BROKER_JVM, "kafka.Kafka", List.of(config.toString()));
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the Kafka broker exited with " + process.exitValue() + "; see " + log);
            }
            return accepts() && answers();
        });
    }

    /** {@code kill -9}: nothing flushed, nothing closed, as when the machine under it dies. */
    public void kill() {
        process.kill();
    }

    /** Stops the broker gracefully and deletes its data. */
    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

}
