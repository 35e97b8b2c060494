package vn.danvan.feedback.consultation;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;

/** Consultations on draft documents: officers open and close them; anyone may read, comment and see the counts. */
@RestController
@RequestMapping(path = "/api/v1/consultations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsultationController {

    private final Consultations consultations;
    private final ConsultationTallies tallies;
    private final CurrentOfficer currentOfficer;
    private final Clock clock;

    ConsultationController(
            Consultations consultations,
            ConsultationTallies tallies,
            CurrentOfficer currentOfficer,
            ObjectProvider<Clock> clock) {
        this.consultations = consultations;
        this.tallies = tallies;
        this.currentOfficer = currentOfficer;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "Opened", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "`not-found`: a consulted unit outside the caller's scope")
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, `code`: `consultation.closes-before-opens`, `consultation.closes-in-past`,"
                    + " `consultation.duplicate-article`")
    ResponseEntity<ConsultationView> open(@Valid @RequestBody OpenConsultationRequest request) {
        Officer officer = currentOfficer.requireAny(Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER, Role.ADMIN);
        Consultation opened = consultations.open(officer, request);
        return ResponseEntity.created(URI.create("/api/v1/consultations/" + opened.getId()))
                .body(view(opened));
    }

    @GetMapping("/{id}")
    ConsultationView get(@PathVariable String id) {
        return view(consultations.get(id));
    }

    @PostMapping("/{id}/close")
    @ApiResponse(responseCode = "200", description = "Closed", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = "`illegal-transition`: the consultation is closed already. `concurrent-modification`: changed"
                    + " meanwhile, reload and retry")
    ConsultationView close(@PathVariable String id) {
        Officer officer = currentOfficer.requireAny(Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER, Role.ADMIN);
        return view(consultations.close(officer, id));
    }

    @PostMapping(path = "/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Received (or, retried with its Idempotency-Key, received before)",
            useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = "`conflict`, `code`: `consultation.not-open-yet`, `consultation.closed`,"
                    + " `consultation.idempotency-key.reused` (the key was used for another comment)")
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, `code`: `consultation.unknown-article` (`field` `articleId`),"
                    + " `consultation.commune-not-consulted` (`field` `communeCode`),"
                    + " `feedback.channel.officers-only` (`field` `channel`: a letter's, a hotline call's or a"
                    + " reception's comment is entered by an officer), `feedback.channel.not-submittable` (`field`"
                    + " `channel`: DIALOGUE, IMPORT)")
    CommentReceipt comment(
            @PathVariable String id,
            @Valid @RequestBody CommentRequest request,
            // an app retrying after a timeout: the comment is stored and counted once
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 8, max = 100)
                    String idempotencyKey) {
        ConsultationComment comment = consultations.comment(
                id, request, idempotencyKey, currentOfficer.current().orElse(null));
        return new CommentReceipt(comment.getId(), comment.getReceivedAt());
    }

    /** A comment as the officers read it: what was said, where from; a comment carries nothing about its sender. */
    record CommentView(
            String id,
            String articleId,
            CommentStance stance,
            String text,
            String communeCode,
            Channel channel,
            Instant receivedAt) {}

    record CommentPageView(List<CommentView> comments, String nextCursor) {}

    /** The comments, for the officers whose scope covers every consulted unit: the proposed changes are read here. */
    @GetMapping("/{id}/comments")
    CommentPageView comments(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 40) String articleId,
            @RequestParam(required = false) CommentStance stance,
            @RequestParam(required = false) @Size(max = 200) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        Officer officer = currentOfficer.requireAny(
                Role.PROVINCE_OFFICER, Role.COMMUNE_OFFICER, Role.STEERING_COMMITTEE, Role.ADMIN);
        Consultations.CommentPage page = consultations.comments(officer, id, articleId, stance, cursor, limit);
        return new CommentPageView(
                page.comments().stream()
                        .map(c -> new CommentView(
                                c.getId(),
                                c.getArticleId(),
                                c.getStance(),
                                c.getText(),
                                c.getCommuneCode(),
                                c.getChannel(),
                                c.getReceivedAt()))
                        .toList(),
                page.nextCursor());
    }

    @GetMapping("/{id}/summary")
    ConsultationTallies.Summary summary(@PathVariable String id) {
        return tallies.summarise(consultations.get(id));
    }

    private ConsultationView view(Consultation consultation) {
        return new ConsultationView(
                consultation.getId(),
                consultation.getTitle(),
                consultation.getDescription(),
                consultation.getSections(),
                consultation.getUnitCodes(),
                consultation.getOpensAt(),
                consultation.getClosesAt(),
                consultation.statusAt(clock.instant()),
                consultation.getClosedAt());
    }

    /** The public view: no officer ids. */
    record ConsultationView(
            String id,
            String title,
            String description,
            List<Consultation.Section> sections,
            List<String> unitCodes,
            Instant opensAt,
            Instant closesAt,
            Consultation.Status status,
            Instant closedAt) {}

    record CommentReceipt(String commentId, Instant receivedAt) {}
}
