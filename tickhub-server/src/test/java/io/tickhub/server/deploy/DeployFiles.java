package io.tickhub.server.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads deploy/ the way Docker Compose and Kubernetes would give each Tickhub container its
 * environment: compose's anchors, merges and {@code ${VAR}} interpolation; Kubernetes' ConfigMap
 * and Secrets ({@code envFrom}) under the container's own {@code env}, and the pod's fields.
 */
@SuppressWarnings("unchecked")
final class DeployFiles {

    static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}");
    private static final Pattern QUANTITY = Pattern.compile("(\\d+)([a-zA-Z]*)");

    private DeployFiles() {
    }

    static Map<String, Object> yaml(String file) throws IOException {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(Files.readString(DEPLOY.resolve(file)));
    }

    static List<Map<String, Object>> kubernetesDocuments() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(Files.readString(DEPLOY.resolve("k8s/tickhub.yaml")))
                .forEach(d -> documents.add((Map<String, Object>) d));
        return documents;
    }

    /** Every compose service running a Tickhub image, with {@code shellEnvironment} as the shell `up` runs in. */
    static Map<String, DeployedRole> composeRoles(Map<String, String> shellEnvironment) throws IOException {
        Map<String, Object> services = (Map<String, Object>) yaml("docker-compose.yml").get("services");
        Map<String, DeployedRole> roles = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            Map<String, Object> service = (Map<String, Object>) definition;
            String image = String.valueOf(service.get("image"));
            if (!image.startsWith("tickhub:")) {
                return;
            }
            Map<String, String> env = new LinkedHashMap<>();
            ((Map<String, Object>) service.get("environment"))
                    .forEach((k, v) -> env.put(k, interpolate(String.valueOf(v), shellEnvironment)));
            Map<String, Object> healthcheck = (Map<String, Object>) service.getOrDefault("healthcheck", Map.of());
            List<String> test = ((List<Object>) healthcheck.getOrDefault("test", List.of("CMD"))).stream()
                    .map(part -> interpolate(String.valueOf(part), shellEnvironment)).toList();
            if (!test.getFirst().equals("CMD")) {
                throw new IllegalStateException(name + ": healthcheck is not a CMD list: " + test);
            }
            Object memory = service.get("mem_limit");
            roles.put(name, new DeployedRole(name, image, env, List.of(), memory == null ? 0 : bytes(String.valueOf(memory)),
                    1, List.of(), test.subList(1, test.size())));
        });
        return roles;
    }

    /**
     * Every Kubernetes Deployment (or StatefulSet) running a Tickhub image, as its first pod
     * ({@code <name>-0} for {@code fieldRef: metadata.name}).
     */
    static Map<String, DeployedRole> kubernetesRoles() throws IOException {
        List<Map<String, Object>> documents = kubernetesDocuments();
        Map<String, Map<String, String>> sources = new HashMap<>();
        for (Map<String, Object> d : documents) {
            String name = (String) ((Map<String, Object>) d.get("metadata")).get("name");
            Object data = "ConfigMap".equals(d.get("kind")) ? d.get("data")
                    : "Secret".equals(d.get("kind")) ? d.get("stringData") : null;
            if (data != null) {
                Map<String, String> values = new LinkedHashMap<>();
                ((Map<String, Object>) data).forEach((k, v) -> values.put(k, String.valueOf(v)));
                sources.put(d.get("kind") + "/" + name, values);
            }
        }
        Map<String, DeployedRole> roles = new LinkedHashMap<>();
        for (Map<String, Object> d : documents) {
            if (!List.of("Deployment", "StatefulSet").contains(d.get("kind"))) {
                continue;
            }
            String name = (String) ((Map<String, Object>) d.get("metadata")).get("name");
            Map<String, Object> spec = (Map<String, Object>) d.get("spec");
            Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
            Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).getFirst();
            Map<String, String> env = new LinkedHashMap<>();
            for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
                String kind = from.containsKey("configMapRef") ? "ConfigMap" : "Secret";
                Map<String, Object> ref = (Map<String, Object>) from.getOrDefault("configMapRef", from.get("secretRef"));
                Map<String, String> values = sources.get(kind + "/" + ref.get("name"));
                if (values == null) {
                    throw new IllegalStateException(name + " takes its environment from a missing " + kind + " " + ref.get("name"));
                }
                env.putAll(values);
            }
            String podName = name + "-0";
            for (Map<String, Object> e : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                env.put((String) e.get("name"), e.containsKey("value") ? String.valueOf(e.get("value")) : podField(e, podName));
            }
            Map<String, Object> resources = (Map<String, Object>) container.get("resources");
            Map<String, Object> limits = (Map<String, Object>) resources.get("limits");
            List<String> probes = new ArrayList<>();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> p = (Map<String, Object>) container.get(probe);
                probes.add(p == null ? null : (String) ((Map<String, Object>) p.get("httpGet")).get("path"));
            }
            List<String> args = ((List<Object>) container.getOrDefault("args", List.of())).stream().map(String::valueOf).toList();
            roles.put(name, new DeployedRole(name, (String) container.get("image"), env, args,
                    bytes(String.valueOf(limits.get("memory"))), (Integer) spec.get("replicas"), probes, List.of()));
        }
        return roles;
    }

    private static String podField(Map<String, Object> e, String podName) {
        Map<String, Object> fieldRef = (Map<String, Object>) ((Map<String, Object>) e.get("valueFrom")).get("fieldRef");
        if (fieldRef == null || !"metadata.name".equals(fieldRef.get("fieldPath"))) {
            throw new IllegalStateException("env " + e.get("name") + ": only fieldRef metadata.name is followed here");
        }
        return podName;
    }

    /** Compose's interpolation: {@code $$}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:?error}}. */
    static String interpolate(String value, Map<String, String> shell) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String set = shell.get(m.group(1));
                boolean missing = set == null || (set.isEmpty() && m.group(2) != null && m.group(2).startsWith(":"));
                if (missing && m.group(2) != null && m.group(2).endsWith("?")) {
                    throw new IllegalStateException("compose refuses to start: " + m.group(3));
                }
                replacement = missing ? (m.group(2) != null ? m.group(3) : "") : set;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A memory quantity of compose ({@code 1536m}, {@code 2g}) or Kubernetes ({@code 1536Mi}, {@code 2Gi}) in bytes. */
    static long bytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        long unit = switch (m.group(2)) {
            case "", "b" -> 1;
            case "k", "Ki" -> 1L << 10;
            case "m", "Mi" -> 1L << 20;
            case "g", "Gi" -> 1L << 30;
            default -> throw new IllegalArgumentException("unit of " + quantity);
        };
        return Long.parseLong(m.group(1)) * unit;
    }
}
