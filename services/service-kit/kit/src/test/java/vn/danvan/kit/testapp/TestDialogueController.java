package vn.danvan.kit.testapp;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.ServerAddress;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoExceptionTranslator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.danvan.kit.web.ConflictException;
import vn.danvan.kit.web.ForbiddenException;
import vn.danvan.kit.web.IllegalTransitionException;
import vn.danvan.kit.web.NotFoundException;
import vn.danvan.kit.web.RuleViolationException;
import vn.danvan.kit.web.ServiceUnavailableException;
import vn.danvan.kit.web.TooManyRequestsException;

/** Endpoints that end in each kind of problem; every accepted input is stored in {@link TestStore}. */
@RestController
@RequestMapping("/test/dialogues")
class TestDialogueController {

    private final TestStore store;
    private final TestDialogueService service;

    TestDialogueController(TestStore store, TestDialogueService service) {
        this.store = store;
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@Valid @RequestBody DialogueRequest request) {
        store.store(request);
        return Map.of("topic", request.topic());
    }

    /** No {@code @Valid}: the service layer validates. */
    @PostMapping(path = "/via-service", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    void createViaService(@RequestBody DialogueRequest request) {
        service.register(request);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<String> list(
            @RequestParam @Min(1) @Max(100) int size, @RequestParam(required = false) DialogueRequest.Channel channel) {
        return List.of();
    }

    /** Filters bound from the query into one object, as the services' list endpoints take them. */
    record Search(DialogueRequest.Channel channel, @Min(1) Integer size) {}

    @GetMapping(path = "/search", produces = MediaType.APPLICATION_JSON_VALUE)
    List<String> search(@Valid Search search) {
        return List.of();
    }

    @GetMapping("/{id}")
    @ApiResponse(responseCode = "200", description = "The dialogue", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "`not-found`: no such dialogue")
    Map<String, Object> get(@PathVariable long id) {
        if (id != 1) {
            throw new NotFoundException("dialogue " + id);
        }
        return Map.of("id", id);
    }

    @GetMapping("/by-unit")
    List<String> byUnit(@RequestHeader("X-Unit") String unit) {
        return List.of(unit);
    }

    /** A choice documented by its values, with a default. */
    @GetMapping(path = "/sorted", produces = MediaType.APPLICATION_JSON_VALUE)
    List<String> sorted(
            @Parameter(schema = @Schema(allowableValues = {"asc", "desc"})) @RequestParam(defaultValue = "asc")
                    String order) {
        return List.of(order);
    }

    /** A constrained header, checked by Spring MVC's own method validation (no {@code @Validated} here). */
    @GetMapping("/by-reference")
    List<String> byReference(@RequestHeader("X-Reference") @Size(min = 8) String reference) {
        return List.of(reference);
    }

    @PostMapping("/{id}/recognise")
    void recognise(@PathVariable long id) {
        throw new IllegalTransitionException("DRAFT", "recognise", List.of("submit", "withdraw"));
    }

    @PutMapping("/{id}")
    void update(@PathVariable long id) {
        throw new OptimisticLockingFailureException("version 3 of dialogue " + id + " is stale");
    }

    @PostMapping("/duplicate")
    void duplicate() {
        throw new DuplicateKeyException(
                "E11000 duplicate key error collection: danvan.hosts index: phone dup key: { phone: \"0912345678\" }");
    }

    @PostMapping("/closed")
    @ApiResponse(responseCode = "409", description = "`conflict`, code `test.already-closed`: registration has ended")
    void closed() {
        throw new ConflictException("test.already-closed");
    }

    @PostMapping("/backdated")
    void backdated() {
        throw new RuleViolationException("test.date-before-unit", "01/07/2025");
    }

    /** A refusal that says why: the host's step, tried by a participant. */
    @PostMapping("/{id}/sign")
    void sign(@PathVariable long id) {
        throw new ForbiddenException("a participant tried to sign dialogue " + id).because("test.host-signs");
    }

    /** A commune code that names no commune: reference data, so the 404 may name its parameter. */
    @GetMapping("/by-commune")
    List<String> byCommune(@RequestParam String commune) {
        throw new NotFoundException("no commune " + commune)
                .because("test.unknown-commune", "commune")
                .onField("commune");
    }

    /** Every seat of the live broadcast taken; {@code coded=false} for the generic answer. */
    @GetMapping("/broadcast")
    void broadcast(@RequestParam(defaultValue = "true") boolean coded) {
        ServiceUnavailableException full =
                new ServiceUnavailableException("all 40 broadcast seats taken", Duration.ofMillis(20_500));
        throw coded ? full.because("test.broadcast-full", 40, 21) : full;
    }

    /** What Spring Data throws when the store does not answer within the server selection timeout. */
    @GetMapping("/store-down")
    void storeDown() {
        throw new DataAccessResourceFailureException(
                "Timed out while waiting for a server",
                new com.mongodb.MongoTimeoutException("Timed out while waiting for a server at 127.0.0.1:27017"));
    }

    /**
     * What a repository throws when the store took the request but did not answer within the read timeout (Spring
     * Data leaves a read timeout uncategorized).
     */
    @GetMapping("/store-hung")
    void storeHung() {
        throw new MongoExceptionTranslator()
                .translateExceptionIfPossible(new MongoSocketReadTimeoutException(
                        "Timeout while receiving message",
                        new ServerAddress("127.0.0.1", 27017),
                        new SocketTimeoutException("Read timed out")));
    }

    @PostMapping("/throttled")
    void throttled() {
        throw new TooManyRequestsException(Duration.ofMillis(1500));
    }

    @GetMapping("/boom")
    void boom() {
        throw new IllegalStateException("secret internal detail: password=hunter2");
    }

    @PostMapping(path = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    void attach(@RequestPart("file") MultipartFile file) {
        store.store(file.getOriginalFilename());
    }

    @GetMapping("/thread")
    Map<String, Boolean> thread() {
        return Map.of("virtual", Thread.currentThread().isVirtual());
    }
}
