package io.tickhub.server.http.access;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import io.tickhub.server.security.ApiKey;
import java.time.Instant;
import java.util.List;

/** What the access routes answer. */
final class AccessViews {

    private AccessViews() {
    }

    static List<String> wire(java.util.Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).toList();
    }

    @Schema(description = "Who the request acts as and what it may do")
    record WhoAmI(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "key:k3xq7m2pa9dz") String subject,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"key", "jwt", "bootstrap", "local", "anonymous"}) String kind,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> scopes,
                  @JsonProperty("expires_at") @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"protected", "required", "open"}) String mode,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LimitsView limits) {
        static WhoAmI of(Grant grant, String mode) {
            return new WhoAmI(grant.subject(), grant.kind().name().toLowerCase(java.util.Locale.ROOT),
                    wire(grant.scopes()), grant.expiresAt(), mode, LimitsView.of(grant.limits()));
        }
    }

    @Schema(description = "Limits of a credential; in a request, omitted fields take the hub's defaults")
    record LimitsView(@Schema(requiredMode = NOT_REQUIRED) Integer connections,
                      @Schema(requiredMode = NOT_REQUIRED) Integer subscriptions,
                      @Schema(requiredMode = NOT_REQUIRED) @JsonProperty("requests_per_second") Integer requestsPerSecond,
                      @Schema(requiredMode = NOT_REQUIRED) @JsonProperty("polls_per_minute") Integer pollsPerMinute,
                      @Schema(requiredMode = NOT_REQUIRED) @JsonProperty("upstream_symbols") Integer upstreamSymbols) {
        static LimitsView of(AccessLimits limits) {
            return new LimitsView(limits.connections(), limits.subscriptions(), limits.requestsPerSecond(),
                    limits.pollsPerMinute(), limits.upstreamSymbols());
        }

        static LimitsView of(ApiKey.LimitOverrides limits) {
            return new LimitsView(limits.connections(), limits.subscriptions(), limits.requestsPerSecond(),
                    limits.pollsPerMinute(), limits.upstreamSymbols());
        }

        ApiKey.LimitOverrides overrides() {
            return new ApiKey.LimitOverrides(connections, subscriptions, requestsPerSecond, pollsPerMinute,
                    upstreamSymbols);
        }
    }

    @Schema(description = "A key to create")
    record KeyRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "grafana", maxLength = 100) String name,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[\"read\",\"stream\"]") List<String> scopes,
                      @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) LimitsView limits) {
    }

    @Schema(description = "A stored API key (never its secret)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> scopes,
                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The key's own limits; absent fields take the defaults") LimitsView limits,
                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("created_at") Instant createdAt,
                   @JsonProperty("revoked_at") Instant revokedAt,
                   @Schema(description = "The key itself: in the answer to its creation only, never again")
                   String key) {
        static KeyView of(ApiKey key, String token) {
            return new KeyView(key.id(), key.name(), wire(key.scopes()), LimitsView.of(key.limits()), key.createdAt(),
                    key.revokedAt(), token);
        }
    }

    @Schema(description = "Every API key, oldest first, revoked ones included")
    record KeyList(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<KeyView> keys) {
    }
}
