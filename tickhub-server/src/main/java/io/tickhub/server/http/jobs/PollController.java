package io.tickhub.server.http.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.jobs.JobRejectedException;
import io.tickhub.core.jobs.Poller;
import io.tickhub.core.jobs.PollingJob;
import io.tickhub.core.jobs.PollingJobs;
import io.tickhub.core.provider.Fetched;
import io.tickhub.core.provider.PollingProvider;
import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderRegistry;
import io.tickhub.core.quote.Symbols;
import io.tickhub.core.quote.Timestamps;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.error.InvalidParam;
import io.tickhub.server.http.error.ProviderErrors;
import io.tickhub.server.http.error.SymbolParams;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Systems B and C's polling routes. One {@code POST /prices/poll} serves both: it answers 202 (C's
 * code, and the right one for work accepted to run later) with the fields both read. <b>Fix:</b>
 * B stored a job before validating it; here nothing is stored unless the whole request is valid.
 */
@RestController
@Tag(name = "Compat B/C: market data", description = "Drop-in routes of systems B and C")
public class PollController {

    private final PollingJobs jobs;
    private final Poller poller;
    private final ProviderRegistry registry;

    public PollController(PollingJobs jobs, Poller poller, ProviderRegistry registry) {
        this.jobs = jobs;
        this.poller = poller;
        this.registry = registry;
    }

    /** B and C's answer: {@code job_id}, {@code status} and the job's {@code config}. */
    public record Accepted(@JsonProperty("job_id") String jobId, String status, Config config) {
    }

    /** @param interval seconds; {@code provider} is the one the job runs on (the default when none was sent) */
    public record Config(List<String> symbols, long interval, String provider) {
    }

    /** C's fresh price, in the shape of {@code /prices/latest}. */
    public record Polled(String symbol, double price, String timestamp, String provider) {
    }

    @PostMapping("/prices/poll")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "startPollingJob", summary = "Start a polling job (systems B and C)",
            description = "Body `{\"symbols\": [\"AAPL\"], \"interval\": 60, \"provider\": \"yfinance\"}`; `provider` "
                    + "may be null or left out (`tickhub.jobs.default-provider`). The job is stored (it survives "
                    + "restarts) and polls each symbol every `interval` seconds. Always 202 (B answered 200).")
    @ApiResponse(responseCode = "202", description = "Accepted; `job_id` is `poll_<8 hex>`")
    @ApiResponse(responseCode = "422", description = "Invalid symbols, interval or provider; nothing was stored",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "unknownProvider",
                    value = "{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\",\"provider\"],"
                            + "\"msg\":\"unknown provider bloomberg; known: alpha_vantage, yfinance\"}]}")))
    @ApiResponse(responseCode = "503", description = "The store is unavailable; nothing was started")
    public Mono<Accepted> poll(
            // Read as a map so that every invalid field gets FastAPI's 422 entry (JobRequest.parse); documented as the record.
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = JobRequest.class)))
            @RequestBody(required = false) Map<String, Object> body) {
        JobRequest request = JobRequest.parse(body);
        return Blocking.call(() -> create(jobs, request))
                .map(job -> new Accepted(job.id(), "accepted",
                        new Config(job.symbols(), job.interval().toSeconds(), job.provider())));
    }

    /** Creates the job, turning a refusal into FastAPI's 422 list (shared with the native route). */
    static PollingJob create(PollingJobs jobs, JobRequest request) {
        try {
            return jobs.create(request.symbols(), request.interval(), request.provider());
        } catch (JobRejectedException e) {
            throw ApiException.invalid(new InvalidParam("value_error", List.of("body", e.field()), e.getMessage(),
                    null, null));
        }
    }

    @PostMapping("/poll/{symbol}")
    @Operation(operationId = "pollSymbolNow", summary = "Poll one symbol now and return the fresh price (system C)",
            description = "Spends one request of the provider's budget. The price goes into the hub like any "
                    + "poll's (unless it is the observation already held).")
    @ApiResponse(responseCode = "200", description = "The provider's current price")
    @ApiResponse(responseCode = "404", description = "The provider does not know the symbol")
    @ApiResponse(responseCode = "422", description = "Invalid symbol, or unknown/disabled provider")
    @ApiResponse(responseCode = "429", description = "The provider's rate limit; `Retry-After` says how long")
    @ApiResponse(responseCode = "502", description = "The provider failed or answered something unreadable")
    @ApiResponse(responseCode = "504", description = "The provider did not answer in time")
    public Mono<Polled> pollNow(
            @PathVariable String symbol,
            @Parameter(description = "Provider name (default `tickhub.jobs.default-provider`)")
            @RequestParam(required = false) String provider) {
        String name = SymbolParams.normalize(symbol, "path", "symbol");
        String providerName = jobs.providerOrDefault(provider);
        try {
            jobs.checkProvider(providerName);
        } catch (JobRejectedException e) {
            throw ApiException.invalid(InvalidParam.query("provider", "value_error", e.getMessage(), provider));
        }
        PollingProvider polling = registry.polling(providerName).orElseThrow(() -> ApiException.invalid(
                InvalidParam.query("provider", "value_error", providerName + " streams; it cannot be polled once",
                        provider)));
        return Blocking.call(() -> {
            try {
                Fetched fetched = poller.pollNow(polling, name);
                return new Polled(Symbols.normalize(fetched.quote().symbol()), fetched.quote().price(),
                        Timestamps.iso(fetched.quote().providerTime()), providerName);
            } catch (ProviderException e) {
                throw ProviderErrors.toApi(providerName, e);
            }
        });
    }
}
