package io.tickhub.server.http.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.server.security.AccessFilter;
import io.tickhub.server.security.AccessPolicy;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Who am I: what the dashboard (or any client) asks to learn what its credential may do. */
@RestController
@Tag(name = "Access", description = "Native API: credentials, scopes and API keys (docs/security.md)")
public class AuthController {

    private final AccessPolicy policy;

    public AuthController(AccessPolicy policy) {
        this.policy = policy;
    }

    @GetMapping("/api/v1/auth")
    @Operation(operationId = "whoAmI", summary = "Who this request acts as, its scopes and limits",
            description = "Needs any valid credential (or none where the mode allows it); no particular scope.")
    @ApiResponse(responseCode = "200", description = "The credential's grant")
    @ApiResponse(responseCode = "401", description = "No or a bad credential (`code`: not_authenticated, auth_failed, token_expired)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "Protected mode refuses this address (`code`: protected_mode)",
            content = @Content(mediaType = "application/problem+json"))
    public AccessViews.WhoAmI whoAmI(ServerWebExchange exchange) {
        return AccessViews.WhoAmI.of(AccessFilter.grantOf(exchange), policy.mode().name().toLowerCase(Locale.ROOT));
    }
}
