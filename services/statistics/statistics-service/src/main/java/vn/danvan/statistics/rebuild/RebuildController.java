package vn.danvan.statistics.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.web.NotFoundException;

/** Rebuild of every view from the topics (administrators). */
@RestController
@RequestMapping("/api/v1/statistics/rebuild")
class RebuildController {

    private final Rebuilds rebuilds;
    private final CurrentOfficer officers;

    RebuildController(Rebuilds rebuilds, CurrentOfficer officers) {
        this.rebuilds = rebuilds;
        this.officers = officers;
    }

    @Operation(summary = "Start a rebuild: 202 with the job; the current figures keep serving until it switches")
    @PostMapping
    @ApiResponse(responseCode = "202", description = "Started: the job", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = "`conflict`, `code`: `statistics.rebuild.running` (wait for it to finish),"
                    + " `statistics.rebuild.stopping` (this replica is stopping: send the request again),"
                    + " `statistics.rebuild.history-incomplete` (a source topic's partitions no longer start at offset"
                    + " 0: its first events were deleted, and figures rebuilt from the rest would be too low; the"
                    + " detail names the topic and each partition's first offset; restore the topic's history first)")
    @ApiResponse(
            responseCode = "503",
            description = "`service-unavailable`, `code` `statistics.rebuild.broker-unavailable`: Kafka did not say"
                    + " where the topics start; try again after `Retry-After` seconds")
    ResponseEntity<RebuildJob> start() {
        officers.requireAny(Role.ADMIN);
        RebuildJob job = rebuilds.start();
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/statistics/rebuild/" + job.jobId()))
                .body(job);
    }

    @Operation(summary = "Progress of a rebuild: events processed / total, rate, status")
    @GetMapping("/{jobId}")
    RebuildJob job(@PathVariable String jobId) {
        officers.requireAny(Role.ADMIN);
        return rebuilds.find(jobId).orElseThrow(() -> new NotFoundException("no rebuild " + jobId));
    }
}
