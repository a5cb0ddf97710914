package io.tickhub.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.config.BusProperties;
import io.tickhub.server.store.EmbeddedPostgresServer;
import io.tickhub.server.testing.EmbeddedKafka;
import io.tickhub.server.testing.EmbeddedRedis;
import io.tickhub.server.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image runs, shown without a container engine (none can run here): the runtime stage of
 * deploy/Dockerfile is read, and the artifact it copies is started with its ENTRYPOINT, its ENV,
 * the JDK the build uses, in a fresh working directory standing for its WORKDIR, once for every
 * Tickhub service of deploy/docker-compose.yml and every Deployment of deploy/k8s/tickhub.yaml, with
 * the environment that file gives it. Kafka, PostgreSQL and Redis are real servers from Maven
 * artifacts; only their host names and ports are replaced. The container's memory limit is given
 * to the JVM as {@code -XX:MaxRAM}, which is what the JVM reads from the container's cgroup, so
 * {@code -XX:MaxRAMPercentage} sizes the heap as in the container. Each runs until {@code /health}
 * answers 200 and its orchestrator's checks pass, then is stopped by its PID with SIGTERM and must
 * end within the 30 s grace both files give it.
 *
 * <p>Not shown here: the image's base layers and the build stage (they need a registry); the
 * user's uid (the processes run as the test's user; the Dockerfile is checked to give its USER
 * the WORKDIR); one pod per Deployment rather than all its replicas (IngestOwnershipTest and
 * ClusterTest run several ingest nodes and gateways); and Kafka replication factor 3 (see
 * {@link #topicsMadeByTheCluster}).
 */
class DeployedImageIT {

    private static final Path REPOSITORY = Path.of("..");
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String ADMIN_KEY = "image-test-admin-key-0123456789abcdefghij";

    static RuntimeStage stage;
    static Path jar;
    static EmbeddedPostgresServer postgres;
    static EmbeddedRedis redis;

    @BeforeAll
    static void readTheImage() throws IOException {
        stage = RuntimeStage.read(DeployFiles.DEPLOY.resolve("Dockerfile"));
        jar = stage.artifactIn(REPOSITORY);
        assertThat(jar).as("the artifact the image copies, built by `package`").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .as("%s is executable (java -jar)", jar).isNotBlank();
        }
        assertThat(stage.command()).as("the image runs its artifact with java -jar")
                .startsWith("java").containsSubsequence("-jar", stage.artifactTarget());
        assertThat(stage.user()).as("the image runs unprivileged").isNotBlank().isNotIn("root", "0");
        assertThat(stage.run()).as("the WORKDIR %s belongs to USER %s", stage.workdir(), stage.user())
                .anySatisfy(run -> assertThat(run).contains("mkdir " + stage.workdir())
                        .contains("chown " + stage.user() + " " + stage.workdir()));
        assertThat(Runtime.version().feature()).as("the build's JDK (toolchain) runs this test").isGreaterThanOrEqualTo(21);
        postgres = EmbeddedPostgresServer.start(null, 0);
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stopServers() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyComposeServiceOfTheImageStartsAndPassesItsHealthcheck() throws Exception {
        Map<String, DeployedRole> roles = DeployFiles.composeRoles(Map.of("TICKHUB_ADMIN_KEY", ADMIN_KEY));
        assertThat(roles).isNotEmpty();
        // Compose runs one KRaft node.
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            // Compose retries a healthcheck on its interval; readiness follows the start-up warm-up.
            runAll(roles, kafka, role -> org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(role.process().runHealthCommand(role.deployed().healthCommand()))
                            .as("%s: its compose healthcheck", role.deployed().name()).isZero()));
        }
    }

    @Test
    void everyKubernetesDeploymentStartsAndPassesItsProbes() throws Exception {
        Map<String, DeployedRole> roles = DeployFiles.kubernetesRoles();
        assertThat(roles).isNotEmpty();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            topicsMadeByTheCluster(roles.values().iterator().next(), kafka);
            runAll(roles, kafka, role -> {
                for (String path : role.deployed().probePaths()) {
                    // Readiness follows the start-up warm-up (StreamWarmUp), after /health already answers.
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                            .pollInterval(java.time.Duration.ofMillis(250))
                            .untilAsserted(() -> assertThat(role.process().status(path))
                                    .as("%s: probe %s", role.deployed().name(), path).isEqualTo(200));
                }
            });
        }
    }

    /**
     * The ConfigMap asks for replication factor 3, which a production cluster has and one broker
     * cannot give (spring-kafka-test's three-broker KRaft cluster fails here: its raft threads die
     * on this 2-core machine). So the topics are made first, with one replica, as an operator's
     * topic resources would make them; the hubs find them and create nothing.
     */
    private static void topicsMadeByTheCluster(DeployedRole role, EmbeddedKafka kafka) throws Exception {
        BusProperties.Kafka bus = DeploymentFilesTest.bind(role.environment()).bus().kafka();
        assertThat(bus.replicationFactor()).as("what the test stands in for").isGreaterThan((short) 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(bus.topic(), bus.partitions(), (short) 1),
                    new NewTopic(bus.rawTopic(), bus.partitions(), (short) 1),
                    new NewTopic(bus.newsTopic(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private record Running(DeployedRole deployed, ImageProcess process) {
    }

    private interface Check {
        void accept(Running running) throws Exception;
    }

    /**
     * Starts every distinct container at once, as `up` and `apply` do, on a fresh database; checks
     * each; stops each by PID. Containers identical but for their name (compose's gateway-a and
     * gateway-b) run once: a second one would show nothing more and cost this 2-core machine a JVM.
     */
    private static void runAll(Map<String, DeployedRole> roles, EmbeddedKafka kafka, Check check) throws Exception {
        Map<List<Object>, DeployedRole> distinct = new LinkedHashMap<>();
        roles.values().forEach(role -> distinct.putIfAbsent(List.of(role.environment(), role.args(), role.memoryLimit(),
                role.probePaths(), role.healthCommand()), role));
        List<Running> running = new ArrayList<>();
        try {
            freshDatabase(roles.values().iterator().next().environment());
            for (DeployedRole role : distinct.values()) {
                Map<String, String> env = new LinkedHashMap<>(stage.env());
                role.environment().forEach((k, v) -> env.put(k, onThisMachine(v, kafka)));
                assertThat(env.values()).as("%s: every host of deploy/ replaced", role.name())
                        .noneMatch(v -> v.matches(".*\\b(kafka:9092|postgres:5432|redis:6379)\\b.*"));
                Path workdir = Files.createTempDirectory("tickhub-image-" + role.name());
                // The container's WORKDIR (its volume) is this directory here: a path under it in the
                // environment (TICKHUB_DATA_DIR=/data) points into it, so no two roles share state.
                env.replaceAll((k, v) -> v.equals(stage.workdir()) || v.startsWith(stage.workdir() + "/")
                        ? workdir + v.substring(stage.workdir().length()) : v);
                running.add(new Running(role, ImageProcess.start(role.name(), command(role), workdir, env, FreePorts.next())));
            }
            for (Running r : running) {
                r.process().awaitHealthy(START);
                check.accept(r);
            }
        } finally {
            running.forEach(r -> r.process().terminate());
            for (Running r : running) {
                assertThat(r.process().endsWithin(GRACE)).as("%s ends on SIGTERM within %s", r.deployed().name(), GRACE).isTrue();
            }
        }
        running.forEach(r -> assertThat(r.process().log()).as("%s: no main manifest problem, no crash", r.deployed().name())
                .doesNotContain("no main manifest attribute").doesNotContain("APPLICATION FAILED TO START"));
    }

    /** The image's command: its JVM is the build's JDK, its artifact this checkout's, its memory the container's limit. */
    private static List<String> command(DeployedRole role) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxRAM=" + role.memoryLimit());
        for (String part : stage.command().subList(1, stage.command().size())) {
            command.add(part.equals(stage.artifactTarget()) ? jar.toAbsolutePath().toString() : part);
        }
        command.addAll(role.args());
        return command;
    }

    private static String onThisMachine(String value, EmbeddedKafka kafka) {
        return value.replace("kafka:9092", kafka.bootstrapServers().split(",")[0])
                .replace("postgres:5432", "127.0.0.1:" + postgres.port())
                .replace("redis://redis:6379", redis.url());
    }

    /** The database, user and password the deploy files name, created empty on the test's PostgreSQL. */
    private static void freshDatabase(Map<String, String> env) throws SQLException {
        String url = env.get("SPRING_DATASOURCE_URL");
        String database = url.substring(url.lastIndexOf('/') + 1);
        String user = env.get("SPRING_DATASOURCE_USERNAME");
        String password = env.get("SPRING_DATASOURCE_PASSWORD").replace("'", "''");
        try (Connection c = postgres.dataSource("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres").getConnection();
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS \"" + user + "\"");
            s.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
        }
    }
}
