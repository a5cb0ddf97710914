package io.tickhub.server.http.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.InvalidParam;
import io.tickhub.server.security.AccessFilter;
import io.tickhub.server.security.ApiKey;
import io.tickhub.server.security.ApiKeyStore;
import io.tickhub.server.security.AuditLog;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** API keys: created (the secret shown once), listed, revoked. Needs the {@code admin} scope. */
@RestController
@Tag(name = "Access")
public class KeysController {

    private static final int MAX_NAME = 100;

    private final ApiKeyStore keys;
    private final AuditLog audit;

    public KeysController(ApiKeyStore keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @PostMapping("/api/v1/keys")
    @Operation(operationId = "createKey", summary = "Create an API key",
            description = "The answer carries the key (`thk_...`) once; the hub keeps only its hash. Scopes: "
                    + "read, stream, jobs, admin.")
    @ApiResponse(responseCode = "201", description = "Created; `key` is the secret, shown this once")
    @ApiResponse(responseCode = "422", description = "Invalid request; nothing stored (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<ResponseEntity<AccessViews.KeyView>> create(@RequestBody AccessViews.KeyRequest request,
                                                            ServerWebExchange exchange) {
        String name = request.name() == null ? "" : request.name().strip();
        Set<Scope> scopes = validate(name, request);
        ApiKey.LimitOverrides limits = request.limits() == null ? ApiKey.LimitOverrides.NONE : request.limits().overrides();
        Grant by = AccessFilter.grantOf(exchange);
        return Blocking.call(() -> {
            ApiKeyStore.Created created = keys.create(name, scopes, limits);
            audit.keyEvent("key_created", by, created.key().id(), "name=" + name + " scopes="
                    + String.join(",", AccessViews.wire(scopes)));
            return ResponseEntity.created(URI.create("/api/v1/keys/" + created.key().id()))
                    .body(AccessViews.KeyView.of(created.key(), created.token()));
        });
    }

    @GetMapping("/api/v1/keys")
    @Operation(operationId = "listKeys", summary = "Every API key, revoked ones included (never a secret)")
    public Mono<AccessViews.KeyList> list() {
        return Blocking.call(() -> new AccessViews.KeyList(keys.list().stream()
                .map(key -> AccessViews.KeyView.of(key, null)).toList()));
    }

    @DeleteMapping("/api/v1/keys/{id}")
    @Operation(operationId = "revokeKey", summary = "Revoke an API key",
            description = "At once on this hub, its live streaming connections closed with 4003; other gateways "
                    + "see it within `tickhub.security.keys.refresh-interval`. Revoking a revoked key is a no-op.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such key (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<ResponseEntity<Void>> revoke(@PathVariable String id, ServerWebExchange exchange) {
        Grant by = AccessFilter.grantOf(exchange);
        return Blocking.call(() -> {
            ApiKey key = keys.revoke(id).orElseThrow(() -> ApiException.notFound("No API key " + id));
            audit.keyEvent("key_revoked", by, key.id(), "name=" + key.name());
            return ResponseEntity.noContent().build();
        });
    }

    private static Set<Scope> validate(String name, AccessViews.KeyRequest request) {
        List<InvalidParam> problems = new ArrayList<>();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(body("name", "string_type", "name must be 1 to " + MAX_NAME + " characters", request.name()));
        }
        Set<Scope> scopes = Set.of();
        if (request.scopes() == null || request.scopes().isEmpty()) {
            problems.add(body("scopes", "missing", "scopes must list at least one of read, stream, jobs, admin",
                    request.scopes()));
        } else {
            try {
                scopes = Scope.parseAll(request.scopes());
            } catch (IllegalArgumentException e) {
                problems.add(body("scopes", "enum", e.getMessage(), request.scopes()));
            }
        }
        AccessViews.LimitsView limits = request.limits();
        if (limits != null) {
            positive(problems, "connections", limits.connections());
            positive(problems, "subscriptions", limits.subscriptions());
            positive(problems, "requests_per_second", limits.requestsPerSecond());
            positive(problems, "polls_per_minute", limits.pollsPerMinute());
            positive(problems, "upstream_symbols", limits.upstreamSymbols());
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return scopes;
    }

    private static void positive(List<InvalidParam> problems, String field, Integer value) {
        if (value != null && value < 1) {
            problems.add(new InvalidParam("greater_than_equal", List.of("body", "limits", field),
                    "Input should be greater than or equal to 1", value, null));
        }
    }

    private static InvalidParam body(String field, String type, String msg, Object input) {
        return new InvalidParam(type, List.of("body", field), msg, input, null);
    }
}
