package io.tickhub.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickhub.server.config.BusProperties;
import io.tickhub.server.config.Roles;
import io.tickhub.server.config.TickhubProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What deploy/ promises that can be read without running it: every Tickhub container's environment
 * is a configuration the hub accepts, with the role it is named for; images are the project's
 * version; ingest obeys the single-writer rule; every container is probed; memory limits hold the
 * budget of docs/operations.md with the image's JVM flags; and the load balancer, Prometheus and
 * Grafana point at what exists. {@link DeployedImageIT} then starts each container's command.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = DeployFiles.DEPLOY;
    /** docs/operations.md, "Memory budget": metaspace, code cache and threads, outside heap and direct memory. */
    private static final long NATIVE = 200L << 20;
    /** docs/operations.md, "Memory budget": the heap a hub at every default limit needs (gateways hold the clients). */
    private static final long GATEWAY_HEAP = 650L << 20;
    private static final Map<String, String> SHELL = Map.of("TICKHUB_ADMIN_KEY", "k".repeat(44));

    /** Binds environment variables as the hub would read them, running every check of the properties. */
    static TickhubProperties bind(Map<String, String> environment) {
        Binder binder = new Binder(ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(environment))));
        return binder.bindOrCreate("tickhub", Bindable.of(TickhubProperties.class));
    }

    private static Roles rolesOf(Map<String, String> environment) {
        return bind(environment).nodeRoles();
    }

    private static Stream<DeployedRole> everyContainer() throws IOException {
        return Stream.concat(DeployFiles.composeRoles(SHELL).values().stream(), DeployFiles.kubernetesRoles().values().stream());
    }

    /** The project's version without -SNAPSHOT, from the build-info the Spring Boot plugin writes. */
    static String releaseVersion() throws IOException {
        Properties buildInfo = new Properties();
        try (var in = DeploymentFilesTest.class.getResourceAsStream("/META-INF/build-info.properties")) {
            buildInfo.load(in);
        }
        return buildInfo.getProperty("build.version").replace("-SNAPSHOT", "");
    }

    @Test
    void everyComposeHubIsAValidConfigurationOfItsRole() throws IOException {
        Map<String, Roles> hubs = new LinkedHashMap<>();
        DeployFiles.composeRoles(SHELL).forEach((name, role) -> hubs.put(name, rolesOf(role.environment())));

        assertThat(hubs.keySet()).containsExactlyInAnyOrder("ingest", "worker", "gateway-a", "gateway-b");
        assertThat(hubs.get("ingest").roles()).containsExactly(Roles.Role.INGEST);
        assertThat(hubs.get("worker").roles()).containsExactly(Roles.Role.WORKER);
        assertThat(hubs.get("gateway-a").roles()).containsExactly(Roles.Role.GATEWAY);
        assertThat(hubs.get("gateway-b").roles()).containsExactly(Roles.Role.GATEWAY);
        assertThat(DeployFiles.yaml("docker-compose.yml").get("services"))
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsKeys("kafka", "postgres", "redis", "lb", "prometheus", "grafana");
    }

    @Test
    void composeRefusesToStartWithoutAnAdminKey() {
        assertThatThrownBy(() -> DeployFiles.composeRoles(Map.of())).hasMessageContaining("export TICKHUB_ADMIN_KEY");
    }

    @Test
    void everyKubernetesDeploymentIsAValidConfigurationOfItsRole() throws IOException {
        Map<String, Roles> deployments = new LinkedHashMap<>();
        DeployFiles.kubernetesRoles().forEach((name, role) -> deployments.put(name, rolesOf(role.environment())));

        assertThat(deployments).containsOnlyKeys("tickhub-ingest", "tickhub-worker", "tickhub-gateway");
        assertThat(deployments.get("tickhub-ingest").roles()).containsExactly(Roles.Role.INGEST);
        assertThat(deployments.get("tickhub-worker").roles()).containsExactly(Roles.Role.WORKER);
        assertThat(deployments.get("tickhub-gateway").roles()).containsExactly(Roles.Role.GATEWAY);
    }

    @Test
    @SuppressWarnings("unchecked")
    void imagesAreTheProjectVersionAndKubernetesPullsThemOnlyWhenMissing() throws IOException {
        String image = "tickhub:" + releaseVersion();
        everyContainer().forEach(role -> assertThat(role.image()).as(role.name()).isEqualTo(image));
        for (Map<String, Object> d : DeployFiles.kubernetesDocuments()) {
            if ("Deployment".equals(d.get("kind"))) {
                Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) d.get("spec")).get("template");
                for (Map<String, Object> c : (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers")) {
                    assertThat(c.get("imagePullPolicy")).as(c.get("image") + " pull policy").isEqualTo("IfNotPresent");
                }
            }
        }
    }

    /**
     * One writer per symbol: ingest nodes share the symbols through the Kafka consumer group
     * {@code tickhub.bus.kafka.ingest-group}, one holder per partition. Replicas past the partition
     * count would be idle, and a bus other than Kafka has no such group, so two of them would both
     * sequence every symbol.
     */
    @Test
    void ingestReplicasShareTheSymbolsByPartitionAndNeverOutnumberThem() throws IOException {
        List<DeployedRole> ingest = everyContainer().filter(role -> role.roles().contains("ingest")).toList();
        assertThat(ingest).isNotEmpty();
        for (DeployedRole role : ingest) {
            TickhubProperties properties = bind(role.environment());
            assertThat(properties.bus().type()).as(role.name() + " bus").isEqualTo(BusProperties.Type.KAFKA);
            assertThat(role.replicas()).as(role.name() + " replicas").isBetween(1, properties.bus().kafka().partitions());
        }
        assertThat(DeployFiles.composeRoles(SHELL).values().stream().filter(role -> role.roles().contains("ingest")))
                .as("compose: one ingest service").hasSize(1);
    }

    @Test
    void everyContainerIsProbedOnTheActuatorHealthGroups() throws IOException {
        DeployFiles.kubernetesRoles().values().forEach(role -> assertThat(role.probePaths()).as(role.name())
                .containsExactly("/actuator/health/liveness", "/actuator/health/liveness", "/actuator/health/readiness"));
        DeployFiles.composeRoles(SHELL).values().forEach(role -> assertThat(String.join(" ", role.healthCommand()))
                .as(role.name()).contains("/dev/tcp/127.0.0.1/8080").contains("GET /actuator/health/readiness"));
    }

    /** Heap (the image's share of the limit) + direct memory + metaspace, code and threads fit the limit. */
    @Test
    void memoryLimitsHoldTheBudgetWithTheImagesJvmFlags() throws IOException {
        List<String> jvm = RuntimeStage.read(DEPLOY.resolve("Dockerfile")).command();
        int heapPercent = Integer.parseInt(flag(jvm, "-XX:MaxRAMPercentage="));
        long direct = DeployFiles.bytes(flag(jvm, "-XX:MaxDirectMemorySize="));
        everyContainer().forEach(role -> {
            long heap = role.memoryLimit() * heapPercent / 100;
            assertThat(heap + direct + NATIVE).as(role.name() + ": heap + direct + native within the limit").isLessThanOrEqualTo(role.memoryLimit());
            if (role.roles().contains("gateway")) {
                assertThat(heap).as(role.name() + ": heap for every default limit").isGreaterThanOrEqualTo(GATEWAY_HEAP);
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesReservesTheMemoryItLimitsAndKeepsAGatewayThroughDisruptions() throws IOException {
        Map<String, Integer> gatewayReplicas = new HashMap<>();
        List<Map<String, Object>> budgets = new ArrayList<>();
        for (Map<String, Object> d : DeployFiles.kubernetesDocuments()) {
            Map<String, Object> spec = (Map<String, Object>) d.get("spec");
            if ("Deployment".equals(d.get("kind"))) {
                Map<String, Object> template = (Map<String, Object>) spec.get("template");
                Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers")).getFirst();
                Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) container.get("resources");
                assertThat(resources.get("requests").get("memory")).as("memory request = limit").isEqualTo(resources.get("limits").get("memory"));
                Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("labels");
                if ("gateway".equals(labels.get("role"))) {
                    gatewayReplicas.put("gateway", (Integer) spec.get("replicas"));
                }
            } else if ("PodDisruptionBudget".equals(d.get("kind"))) {
                budgets.add(spec);
            }
        }
        assertThat(gatewayReplicas.get("gateway")).as("gateway replicas").isGreaterThanOrEqualTo(2);
        assertThat(budgets).as("a disruption budget over the gateways that leaves one serving").anySatisfy(spec -> {
            assertThat(((Map<String, Object>) spec.get("selector")).get("matchLabels")).isEqualTo(Map.of("app", "tickhub", "role", "gateway"));
            assertThat(spec.get("maxUnavailable") != null ? (Integer) spec.get("maxUnavailable") : gatewayReplicas.get("gateway") - (Integer) spec.get("minAvailable"))
                    .isBetween(1, gatewayReplicas.get("gateway") - 1);
        });
    }

    private static String flag(List<String> command, String prefix) {
        return command.stream().filter(a -> a.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("the image's command has no " + prefix)).substring(prefix.length());
    }

    @Test
    void theLoadBalancerAndPrometheusReachTheComposeHubs() throws IOException {
        String nginx = Files.readString(DEPLOY.resolve("nginx/nginx.conf"));
        assertThat(Pattern.compile("server (gateway-[ab]):8080").matcher(nginx).results().map(r -> r.group(1)).toList())
                .containsExactly("gateway-a", "gateway-b");
        assertThat(nginx).contains("proxy_set_header Upgrade $http_upgrade").contains("proxy_buffering off");

        String prometheus = Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"));
        assertThat(prometheus).contains("metrics_path: /actuator/prometheus");
        for (String target : List.of("ingest:8080", "worker:8080", "gateway-a:8080", "gateway-b:8080")) {
            assertThat(prometheus).contains("\"" + target + "\"");
        }
    }

    @Test
    void theGrafanaDashboardUsesTheProvisionedDataSourceAndTickhubMetrics() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DEPLOY.resolve("grafana/dashboards/tickhub.json")));
        String datasources = Files.readString(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertThat(dashboard.get("panels").size()).isGreaterThan(5);
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(datasources).contains("uid: " + panel.get("datasource").get("uid").asString());
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("expr").asString()).as(panel.get("title").asString()).contains("tickhub_");
            }
        }
    }
}
