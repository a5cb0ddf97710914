package io.tickhub.server.http.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickhub.core.jobs.PollingJobs;
import io.tickhub.server.http.error.ApiException;
import io.tickhub.server.http.error.Blocking;
import io.tickhub.server.http.jobs.JobViews.JobList;
import io.tickhub.server.http.jobs.JobViews.JobView;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Native jobs API: the same jobs as {@code POST /prices/poll}, listed with how each runs. */
@RestController
@Tag(name = "Jobs", description = "Native API: polling jobs")
public class JobsController {

    private final PollingJobs jobs;

    public JobsController(PollingJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/jobs")
    @Operation(operationId = "listJobs", summary = "Every job, oldest first, with per-symbol progress")
    @ApiResponse(responseCode = "200", description = "Every job",
            content = @Content(schema = @Schema(implementation = JobList.class)))
    @ApiResponse(responseCode = "503", description = "The store is unavailable (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<JobList> list() {
        return Blocking.call(() -> new JobList(jobs.list().stream().map(JobViews::of).toList()));
    }

    @PostMapping("/api/v1/jobs")
    @Operation(operationId = "createJob", summary = "Create a job",
            description = "Body as `POST /prices/poll`. A job on a streaming provider (`finnhub_stream`) holds a "
                    + "subscription instead of polling; its `interval` is the longest silence before the symbol "
                    + "counts as stale.")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names it",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "422", description = "Invalid request; nothing stored (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<ResponseEntity<JobView>> create(
            // Read as a map so that every invalid field gets FastAPI's 422 entry (JobRequest.parse); documented as the record.
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = JobRequest.class)))
            @RequestBody(required = false) Map<String, Object> body) {
        JobRequest request = JobRequest.parse(body);
        return Blocking.call(() -> {
            var job = PollController.create(jobs, request);
            JobView view = JobViews.of(jobs.statusOf(job));
            return ResponseEntity.created(URI.create("/api/v1/jobs/" + job.id())).body(view);
        });
    }

    @GetMapping("/api/v1/jobs/{id}")
    @Operation(operationId = "getJob", summary = "One job")
    @ApiResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "404", description = "No such job (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<JobView> get(@PathVariable String id) {
        return Blocking.call(() -> jobs.get(id).map(JobViews::of)
                .orElseThrow(() -> ApiException.notFound("No job " + id)));
    }

    @DeleteMapping("/api/v1/jobs/{id}")
    @Operation(operationId = "deleteJob", summary = "Stop and forget a job")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such job (problem+json)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
        return Blocking.call(() -> {
            if (!jobs.delete(id)) {
                throw ApiException.notFound("No job " + id);
            }
            return ResponseEntity.noContent().build();
        });
    }
}
