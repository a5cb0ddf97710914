package io.tickhub.server.http.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.store.Store;
import io.tickhub.server.http.error.Blocking;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * System B's database check. Always HTTP 200, as the original: clients read {@code status}.
 * The details name the failure (never a credential: the JDBC driver's message carries none).
 */
@RestController
@Tag(name = "Compat B/C: market data", description = "Drop-in routes of systems B and C")
public class DatabaseStatusController {

    private final Store store;

    public DatabaseStatusController(Store store) {
        this.store = store;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatabaseStatus(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"connected", "error"}) String status, String details) {
    }

    @GetMapping("/test-db")
    @Operation(operationId = "testDatabase", summary = "Is the database reachable? (system B)",
            description = "`{\"status\":\"connected\"}`, or `{\"status\":\"error\",\"details\":\"...\"}`.")
    @ApiResponse(responseCode = "200", description = "The database's state")
    public Mono<DatabaseStatus> testDb() {
        return databaseStatus();
    }

    @GetMapping("/prices/test-db")
    @Operation(operationId = "testPriceDatabase", summary = "Is the database reachable? (system B, under /prices)",
            description = "As `GET /test-db`.")
    @ApiResponse(responseCode = "200", description = "The database's state")
    public Mono<DatabaseStatus> testPricesDb() {
        return databaseStatus();
    }

    private Mono<DatabaseStatus> databaseStatus() {
        return Blocking.call(() -> {
            store.ping();
            return new DatabaseStatus("connected", null);
        }).onErrorResume(e -> Mono.just(new DatabaseStatus("error", e.getMessage())));
    }
}
