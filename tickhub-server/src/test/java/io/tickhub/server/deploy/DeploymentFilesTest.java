package io.tickhub.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/ cannot run here (no Docker engine), so what can be checked offline is: every Tickhub
 * container's environment is a configuration the hub accepts, with the role it is named for,
 * and the load balancer, Prometheus and Grafana point at what exists.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(Files.readString(DEPLOY.resolve(file)));
    }

    /** Binds environment variables as the hub would read them, running every check of the properties. */
    private static Roles rolesOf(Map<String, String> environment) {
        Binder binder = new Binder(ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(environment))));
        TickhubProperties properties = binder.bindOrCreate("tickhub", Bindable.of(TickhubProperties.class));
        return properties.nodeRoles();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyComposeHubIsAValidConfigurationOfItsRole() throws IOException {
        Map<String, Object> services = (Map<String, Object>) yaml(Path.of("docker-compose.yml")).get("services");
        Map<String, Roles> hubs = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            Map<String, Object> service = (Map<String, Object>) definition;
            if ("tickhub:latest".equals(service.get("image"))) {
                Map<String, String> env = new HashMap<>();
                ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
                hubs.put(name, rolesOf(env));
            }
        });

        assertThat(hubs.keySet()).containsExactlyInAnyOrder("ingest", "worker", "gateway-a", "gateway-b");
        assertThat(hubs.get("ingest").roles()).containsExactly(Roles.Role.INGEST);
        assertThat(hubs.get("worker").roles()).containsExactly(Roles.Role.WORKER);
        assertThat(hubs.get("gateway-a").roles()).containsExactly(Roles.Role.GATEWAY);
        assertThat(hubs.get("gateway-b").roles()).containsExactly(Roles.Role.GATEWAY);
        assertThat(services).containsKeys("kafka", "postgres", "redis", "lb", "prometheus", "grafana");
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
    @SuppressWarnings("unchecked")
    void everyKubernetesDeploymentIsAValidConfigurationOfItsRole() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(Files.readString(DEPLOY.resolve("k8s/tickhub.yaml")))
                .forEach(d -> documents.add((Map<String, Object>) d));
        Map<String, String> configMap = new HashMap<>();
        documents.stream().filter(d -> "ConfigMap".equals(d.get("kind")))
                .forEach(d -> ((Map<String, Object>) d.get("data")).forEach((k, v) -> configMap.put(k, String.valueOf(v))));

        Map<String, Roles> deployments = new LinkedHashMap<>();
        for (Map<String, Object> d : documents) {
            if (!"Deployment".equals(d.get("kind"))) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) d.get("spec")).get("template");
            Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) spec.get("spec"))
                    .get("containers")).getFirst();
            Map<String, String> env = new HashMap<>(configMap);
            for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
                env.put((String) e.get("name"), e.containsKey("value") ? String.valueOf(e.get("value")) : "from-the-pod");
            }
            String name = (String) ((Map<String, Object>) d.get("metadata")).get("name");
            deployments.put(name, rolesOf(env));
        }
        assertThat(deployments).containsOnlyKeys("tickhub-ingest", "tickhub-worker", "tickhub-gateway");
        assertThat(deployments.get("tickhub-ingest").roles()).containsExactly(Roles.Role.INGEST);
        assertThat(deployments.get("tickhub-worker").roles()).containsExactly(Roles.Role.WORKER);
        assertThat(deployments.get("tickhub-gateway").roles()).containsExactly(Roles.Role.GATEWAY);
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
