package io.tickhub.server.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/tickhub keys create|list|revoke}: API keys through a running hub's admin routes
 * ({@code /api/v1/keys}), so the same command works on the hub's machine (protected mode needs no
 * key there) and against a remote hub with {@code TICKHUB_ADMIN_KEY}. Exit codes: 0 done, 1 the hub
 * refused or failed (its message printed), 2 bad arguments.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, list and revoke API keys of a running hub (docs/security.md).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Option(names = "--url", description = "The hub (default: http://127.0.0.1:$PORT, PORT defaulting to 8080)")
    String url = "http://127.0.0.1:" + System.getenv().getOrDefault("PORT", "8080");

    @Option(names = "--admin-key", description = "A key with the admin scope (default: $TICKHUB_ADMIN_KEY; none "
            + "needed on the hub's own machine in protected mode)")
    String adminKey = System.getenv("TICKHUB_ADMIN_KEY");

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs {@code keys ...} with {@code args}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new KeysCommand());
        line.setOut(out);
        line.setErr(err);
        return line.execute(args);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;
        @Option(names = "--name", required = true, description = "What the key is for, e.g. grafana")
        String name;
        @Option(names = "--scopes", required = true, split = ",",
                description = "Comma-separated: read, stream, jobs, admin")
        List<String> scopes;
        @Option(names = "--connections", description = "Its own limit of streaming connections")
        Integer connections;
        @Option(names = "--subscriptions", description = "Its own limit of subscriptions over its connections")
        Integer subscriptions;
        @Option(names = "--requests-per-second", description = "Its own REST request rate")
        Integer requestsPerSecond;
        @Option(names = "--json", description = "Print the hub's JSON answer")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> limits = new LinkedHashMap<>();
            putIf(limits, "connections", connections);
            putIf(limits, "subscriptions", subscriptions);
            putIf(limits, "requests_per_second", requestsPerSecond);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("scopes", scopes);
            if (!limits.isEmpty()) {
                body.put("limits", limits);
            }
            HttpResponse<String> answer = parent.send("POST", "/api/v1/keys", JSON.writeValueAsString(body));
            if (answer.statusCode() != 201) {
                return parent.failed(answer);
            }
            PrintWriter out = parent.spec.commandLine().getOut();
            if (json) {
                out.println(answer.body());
            } else {
                JsonNode key = JSON.readTree(answer.body());
                out.println("Created key " + key.path("id").asString() + " (" + key.path("name").asString()
                        + ") with scopes " + String.join(",", strings(key.path("scopes"))) + ":");
                out.println(key.path("key").asString());
                out.println("Keep it now: the hub stores only its hash and cannot show it again.");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;
        @Option(names = "--json", description = "Print the hub's JSON answer")
        boolean json;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> answer = parent.send("GET", "/api/v1/keys", null);
            if (answer.statusCode() != 200) {
                return parent.failed(answer);
            }
            PrintWriter out = parent.spec.commandLine().getOut();
            if (json) {
                out.println(answer.body());
            } else {
                out.printf("%-14s %-24s %-24s %-22s %s%n", "ID", "NAME", "SCOPES", "CREATED", "REVOKED");
                for (JsonNode key : JSON.readTree(answer.body()).path("keys")) {
                    out.printf("%-14s %-24s %-24s %-22s %s%n", key.path("id").asString(), key.path("name").asString(),
                            String.join(",", strings(key.path("scopes"))), key.path("created_at").asString(),
                            key.path("revoked_at").isMissingNode() || key.path("revoked_at").isNull() ? "-"
                                    : key.path("revoked_at").asString());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: refused at once, its live streams closed.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;
        @Parameters(paramLabel = "ID", description = "The key's id (the 12 characters after thk_)")
        String id;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> answer = parent.send("DELETE", "/api/v1/keys/" + id, null);
            if (answer.statusCode() != 204) {
                return parent.failed(answer);
            }
            parent.spec.commandLine().getOut().println("Revoked key " + id);
            parent.spec.commandLine().getOut().flush();
            return 0;
        }
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (adminKey != null && !adminKey.isBlank()) {
            request.header("Authorization", "Bearer " + adminKey);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new CommandLine.ExecutionException(spec.commandLine(), "No hub answers at " + url
                    + " (start it with bin/tickhub, or pass --url)", e);
        }
    }

    int failed(HttpResponse<String> answer) {
        String detail = answer.body();
        try {
            JsonNode error = JSON.readTree(answer.body());
            detail = error.path("detail").isString() ? error.path("detail").asString() : error.path("detail").toString();
        } catch (RuntimeException notJson) {
            // print the body as it came
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("The hub answered " + answer.statusCode() + ": " + detail);
        err.flush();
        return 1;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    private static void putIf(Map<String, Object> map, String key, Integer value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
