package vn.danvan.feedback.feedback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.feedback.deadline.Complexity;
import vn.danvan.feedback.feedback.FeedbackViews.OfficerView;
import vn.danvan.feedback.feedback.FeedbackViews.Receipt;
import vn.danvan.feedback.feedback.FeedbackViews.TrackingView;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.feedback.text.VisibleText;
import vn.danvan.feedback.tracking.CheckedTrackingCode;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.units.UnitCode;
import vn.danvan.kit.web.ForbiddenException;
import vn.danvan.kit.web.NotFoundException;

/** Submission, the public tracking page, and one POST per lifecycle action. */
@RestController
@Validated
@RequestMapping("/api/v1/feedback")
class FeedbackController {

    // the documented answers of the lifecycle actions; the kit documents the other problems of every operation
    static final String ITEM_AFTER = "The item after the action";
    static final String CITIZEN_VIEW_AFTER = "The tracking view after the action";
    /** Followed by the states the action is allowed in (Feedback.ALLOWED; a test keeps the two in step). */
    static final String REFUSED_IN_STATE =
            "`illegal-transition` (`currentState`, `action`; `allowed`: the actions the item allows now) unless the"
                    + " item is ";

    static final String CHANGED_MEANWHILE = ". `concurrent-modification`: changed meanwhile, reload and retry";

    /** The 403 code of a citizen's own step tried by staff: "you lack the role" would tell an officer nothing. */
    static final String STAFF_FORBIDDEN_CODE = "feedback.citizen-action.staff-forbidden";

    static final String STAFF_FORBIDDEN = "`forbidden`, `code` `" + STAFF_FORBIDDEN_CODE + "`: the caller is"
            + " signed in with a staff role (commune or province officer, inspector, administrator, steering"
            + " committee): the step is the citizen's own, whatever tracking code the caller holds. Anonymous callers"
            + " and signed-in citizens take it";

    static final String CODE_KNOWN_TO_STAFF = "; `forbidden`, `code` `" + FeedbackService.CODE_KNOWN_TO_STAFF
            + "`: the item came through staff (any channel but WEB and APP), so its tracking code proves no one is"
            + " the citizen; an officer records a written withdrawal with `record-withdrawal`";

    private final FeedbackService feedback;
    private final FeedbackQueries queries;
    private final CurrentOfficer caller;
    private final Clock clock;
    private final TrackingLabels labels;

    FeedbackController(
            FeedbackService feedback,
            FeedbackQueries queries,
            CurrentOfficer caller,
            Clock clock,
            TrackingLabels labels) {
        this.feedback = feedback;
        this.queries = queries;
        this.caller = caller;
        this.clock = clock;
        this.labels = labels;
    }

    /** Public: anyone may send feedback. A retry with the same Idempotency-Key gets the first answer. */
    @PostMapping
    @ApiResponse(
            responseCode = "201",
            description = "Received: the item, its tracking code and deadline",
            useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = "`conflict`, `code`: `feedback.idempotency-key.reused` (the Idempotency-Key was used for"
                    + " another submission); for a comment on a consultation `consultation.not-open-yet`,"
                    + " `consultation.closed`")
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, `code`: `feedback.category.unknown`, `feedback.channel.not-submittable`,"
                    + " `feedback.channel.officers-only` (letters, hotline and reception are entered by an officer),"
                    + " `feedback.complaint.contact-required`, `feedback.denunciation.identity-required`,"
                    + " `feedback.denunciation.contact-in-identity`, `feedback.identity.only-for-denunciations`,"
                    + " `feedback.model-assessment.model-and-rating-required`, `feedback.consultation.unknown`,"
                    + " `feedback.second-time.complaints-only` (`field` `secondTime`: complaints only),"
                    + " `feedback.emergency.service-level-only` (`field` `emergency`: opinions, recommendations and"
                    + " reports only)")
    ResponseEntity<Receipt> submit(
            @Valid @RequestBody SubmitFeedback request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 8, max = 100) String idempotencyKey,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        Officer signedIn = caller.current().orElse(null);
        FeedbackService.Receipt receipt = feedback.submit(request, idempotencyKey, signedIn);
        Locale locale = TrackingLabels.localeFor(language);
        Receipt body = Receipt.of(receipt.item(), labels, locale, signedIn != null && isStaff(signedIn));
        URI location = URI.create("/api/v1/feedback/" + body.id());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(location)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
                .body(body);
    }

    /** A bare endpoint of this service that does no work: the baseline of the load benchmark. */
    @GetMapping("/ping")
    Map<String, String> ping() {
        return Map.of("status", "ok");
    }

    /** Public, by the citizen's tracking code: where the item stands, the public answer, no personal data. */
    @Operation(
            summary = "Where a citizen's item stands, by its tracking code",
            description = "Public. Codes (kind, status, each step's action, status and rejection reason) come with"
                    + " labels for the citizen (kindLabel, statusLabel, actionLabel, reasonLabel) and the responsible"
                    + " unit with its name. Labels are Vietnamese unless Accept-Language ranks English above"
                    + " Vietnamese; the response's Content-Language says which. A code with a mistyped character (its"
                    + " check symbol does not match) is a 400 naming `trackingCode`; a code no item has is a 404.")
    @GetMapping("/track/{trackingCode}")
    ResponseEntity<TrackingView> track(
            @PathVariable @Size(max = 32) @CheckedTrackingCode String trackingCode,
            @Parameter(description = "en for English labels; Vietnamese otherwise", example = "vi")
                    @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                    String language) {
        return tracking(feedback.track(trackingCode).orElseThrow(NotFoundException::new), language);
    }

    @GetMapping("/{id}")
    OfficerView get(@PathVariable String id) {
        return OfficerView.of(feedback.view(id, reader()), clock.instant());
    }

    /** Items within the caller's scope, newest first, filtered; a cursor pages through them. */
    @GetMapping
    FeedbackViews.Page list(@ParameterObject @Valid FeedbackQueries.Filter filter) {
        return queries.page(reader(), filter);
    }

    @PostMapping("/{id}/accept")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = REFUSED_IN_STATE + "RECEIVED or TRANSFERRED" + CHANGED_MEANWHILE)
    OfficerView accept(@PathVariable String id) {
        return view(feedback.accept(id, officer()));
    }

    /** @param note for the citizen: shown with the reason on the public tracking page */
    record Rejection(@NotNull RejectionReason reason, @PlainText(multiline = true) @Size(max = 2000) String note) {}

    @PostMapping("/{id}/reject")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = REFUSED_IN_STATE + "RECEIVED or TRANSFERRED" + CHANGED_MEANWHILE)
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, `field` `reason`: a reason that does not fit the item, its detail listing"
                    + " those that do. `code` `feedback.reject.reason-not-applicable.ANONYMOUS_COMPLAINT` (only a"
                    + " complaint without its complainant's name and a way to reach them, or a denunciation without"
                    + " its denouncer's identity), `feedback.reject.reason-not-applicable.TIME_LIMIT_PASSED` (only a"
                    + " complaint, and not one whose filing limit is known and had not passed when it arrived)")
    OfficerView reject(@PathVariable String id, @Valid @RequestBody Rejection body) {
        return view(feedback.reject(id, officer(), body.reason(), body.note()));
    }

    /**
     * @param reason a code from the fixed list: it goes into the published event
     * @param note the officer's explanation for the receiving unit: kept in the item, never published
     */
    record Transfer(
            @NotBlank @UnitCode String toUnit,
            @NotNull TransferReason reason,
            @PlainText(multiline = true) @Size(max = 2000) String note) {}

    @PostMapping("/{id}/transfer")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE
                    + "RECEIVED or TRANSFERRED; `conflict`, `code` `feedback.transfer.same-unit`"
                    + CHANGED_MEANWHILE)
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, `code` `feedback.transfer.unknown-unit` (`field` `toUnit`)")
    OfficerView transfer(@PathVariable String id, @Valid @RequestBody Transfer body) {
        return view(feedback.transfer(id, officer(), body.toUnit(), body.reason(), body.note()));
    }

    record Assignment(@NotBlank @VisibleText @PlainText @Size(max = 100) String assignee) {}

    @PostMapping("/{id}/assign")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE + "ACCEPTED, ASSIGNED, IN_PROGRESS or REOPENED" + CHANGED_MEANWHILE)
    OfficerView assign(@PathVariable String id, @Valid @RequestBody Assignment body) {
        return view(feedback.assign(id, officer(), body.assignee()));
    }

    @PostMapping("/{id}/start")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = REFUSED_IN_STATE + "ASSIGNED" + CHANGED_MEANWHILE)
    OfficerView start(@PathVariable String id) {
        return view(feedback.start(id, officer()));
    }

    record Answer(@NotBlank @VisibleText @PlainText(multiline = true) @Size(max = 20_000) String text) {}

    @PostMapping("/{id}/answer")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = REFUSED_IN_STATE + "ASSIGNED or IN_PROGRESS" + CHANGED_MEANWHILE)
    OfficerView answer(@PathVariable String id, @Valid @RequestBody Answer body) {
        return view(feedback.answer(id, officer(), body.text()));
    }

    @PostMapping("/{id}/close")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = REFUSED_IN_STATE + "ANSWERED" + CHANGED_MEANWHILE)
    OfficerView close(@PathVariable String id) {
        return view(feedback.close(id, officer()));
    }

    record Extension(
            @NotNull Complexity complexity,
            @NotBlank @VisibleText @PlainText(multiline = true) @Size(max = 2000) String reason) {}

    /** A recorded decision extending the resolution deadline of a complex complaint or denunciation. */
    @PostMapping("/{id}/extend")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE
                    + "ACCEPTED, ASSIGNED, IN_PROGRESS or REOPENED, or a denunciation still RECEIVED or TRANSFERRED"
                    + " (its acceptance limit), with an extension left"
                    + CHANGED_MEANWHILE)
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, `code`: `deadline.not-extendable`, `deadline.extension-needs-complexity`,"
                    + " `deadline.extensions-exhausted`")
    OfficerView extend(@PathVariable String id, @Valid @RequestBody Extension body) {
        return view(feedback.extend(id, officer(), body.complexity(), body.reason()));
    }

    record DuplicateDecision(@NotNull Boolean confirmed) {}

    @PostMapping("/{id}/duplicate")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = "`conflict`, `code` `feedback.duplicate.nothing-to-decide`: no suspected duplicate waits for"
                    + " a decision"
                    + CHANGED_MEANWHILE)
    OfficerView decideDuplicate(@PathVariable String id, @Valid @RequestBody DuplicateDecision body) {
        return view(feedback.decideDuplicate(id, officer(), body.confirmed()));
    }

    /**
     * @param end true: the resolution ends (WITHDRAWN); false: it goes on, the note saying why (the reported act looks
     *     unlawful, or the withdrawal was forced: Luật Tố cáo 2018, Art. 33)
     */
    record WithdrawalDecision(@NotNull Boolean end, @PlainText(multiline = true) @Size(max = 2000) String note) {}

    /** The resolver's decision on a denouncer's request to withdraw an accepted denunciation. */
    @PostMapping("/{id}/decide-withdrawal")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE
                    + "ACCEPTED, ASSIGNED, IN_PROGRESS or REOPENED with a withdrawal requested; `conflict`, `code`"
                    + " `feedback.withdrawal.none-requested`"
                    + CHANGED_MEANWHILE)
    OfficerView decideWithdrawal(@PathVariable String id, @Valid @RequestBody WithdrawalDecision body) {
        return view(feedback.decideWithdrawal(id, officer(), body.end(), body.note()));
    }

    /**
     * @param reason why the citizen withdraws, as they wrote it, when they did
     * @param request the written request: its number, date and who signed it ("Đơn rút tố cáo ngày 05/12/2026")
     */
    record WithdrawalRecord(
            @PlainText(multiline = true) @Size(max = 2000) String reason,
            @NotBlank @VisibleText @PlainText @Size(max = 300) String request) {}

    /** An officer records the citizen's withdrawal received in writing, under the officer's own name. */
    @PostMapping("/{id}/record-withdrawal")
    @Operation(
            summary = "Record a citizen's written withdrawal",
            description = "How an item whose tracking code went through staff's hands (a letter, a hotline call, a"
                    + " reception, a dialogue, an import) is withdrawn: its code cannot (403"
                    + " `feedback.citizen-action.code-known-to-staff`), and the law wants a withdrawal in writing"
                    + " (Luật Khiếu nại 2011, Art. 10; Luật Tố cáo 2018, Art. 33). Any item in the officer's scope"
                    + " may be withdrawn so, e.g. one whose citizen wrote instead of using the tracking page. The"
                    + " timeline names the officer and keeps `request` as the step's note. An accepted denunciation"
                    + " is not ended: the withdrawal is requested and the resolver decides (`decide-withdrawal`).")
    @ApiResponse(responseCode = "200", description = ITEM_AFTER, useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE
                    + "RECEIVED, TRANSFERRED, ACCEPTED, ASSIGNED, IN_PROGRESS or REOPENED"
                    + CHANGED_MEANWHILE)
    OfficerView recordWithdrawal(@PathVariable String id, @Valid @RequestBody WithdrawalRecord body) {
        return view(feedback.recordWithdrawal(id, officer(), body.reason(), body.request()));
    }

    // the citizen's actions, proven by the tracking code, and taken by no one signed in with a staff role

    record Rating(
            @NotBlank @Size(max = 32) @CheckedTrackingCode String trackingCode,
            @NotNull @Min(1) @Max(5) Integer rating) {}

    @PostMapping("/{id}/rate")
    @ApiResponse(responseCode = "200", description = CITIZEN_VIEW_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = STAFF_FORBIDDEN + CODE_KNOWN_TO_STAFF)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE
                    + "ANSWERED or CLOSED; `conflict`, `code` `feedback.rate.already-rated`"
                    + CHANGED_MEANWHILE)
    ResponseEntity<TrackingView> rate(
            @PathVariable String id,
            @Valid @RequestBody Rating body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        requireNoStaff("rate");
        return tracking(feedback.rate(id, body.trackingCode(), body.rating()), language);
    }

    record CitizenStep(
            @NotBlank @Size(max = 32) @CheckedTrackingCode String trackingCode,
            @PlainText(multiline = true) @Size(max = 2000) String reason) {}

    @PostMapping("/{id}/reopen")
    @Operation(
            summary = "The citizen reopens an answer they disagree with",
            description = "A complaint or a denunciation starts the law's second round at the responsible unit's"
                    + " direct superior (a commune's province): a second-time complaint (Luật Khiếu nại 2011, Art. 7,"
                    + " 33; its second-time limits, 45 days, complex 60, remote areas 60 / 70) or a further"
                    + " denunciation (tố cáo tiếp, Luật Tố cáo 2018, Art. 37; 30 days, its extensions counted afresh)."
                    + " The item is then TRANSFERRED to the superior, which accepts it within the acceptance limit"
                    + " (10 / 7 working days) before its resolution time runs; the timeline shows the steps `reopen`"
                    + " and `escalate`. Where the unit has no superior on the platform (a province, an agency) it"
                    + " stays REOPENED there, in a second round of its own. Every other kind is REOPENED at the same"
                    + " unit, with a new resolution deadline.")
    @ApiResponse(responseCode = "200", description = CITIZEN_VIEW_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = STAFF_FORBIDDEN)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE
                    + "ANSWERED or CLOSED; `conflict`, `code` `feedback.reopen.window-passed` (too long after the"
                    + " answer) or `feedback.reopen.second-time-final` (a second-time complaint: what is left is a"
                    + " lawsuit at the administrative court)"
                    + CHANGED_MEANWHILE)
    ResponseEntity<TrackingView> reopen(
            @PathVariable String id,
            @Valid @RequestBody CitizenStep body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        requireNoStaff("reopen");
        return tracking(feedback.reopen(id, body.trackingCode(), body.reason()), language);
    }

    @PostMapping("/{id}/withdraw")
    @ApiResponse(responseCode = "200", description = CITIZEN_VIEW_AFTER, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = STAFF_FORBIDDEN + CODE_KNOWN_TO_STAFF)
    @ApiResponse(
            responseCode = "409",
            description = REFUSED_IN_STATE
                    + "RECEIVED, TRANSFERRED, ACCEPTED, ASSIGNED, IN_PROGRESS or REOPENED (an accepted denunciation's"
                    + " withdrawal waits for the resolver's decision)"
                    + CHANGED_MEANWHILE)
    ResponseEntity<TrackingView> withdraw(
            @PathVariable String id,
            @Valid @RequestBody CitizenStep body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        requireNoStaff("withdraw");
        return tracking(feedback.withdraw(id, body.trackingCode(), body.reason()), language);
    }

    /** The citizen's view, labelled in their language; the answer varies with Accept-Language and says so. */
    private ResponseEntity<TrackingView> tracking(Feedback item, String acceptLanguage) {
        Locale locale = TrackingLabels.localeFor(acceptLanguage);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
                .body(TrackingView.of(item, labels, locale));
    }

    /**
     * Refuses the citizen's own step to anyone signed in with a staff role. Officers see the tracking code of what
     * they entered for a citizen (they pass it on), so the code alone does not prove the citizen: an officer would
     * withdraw a denunciation about their own commune, or rate their own answer, recorded as the citizen.
     */
    private void requireNoStaff(String action) {
        if (caller.current().filter(FeedbackController::isStaff).isPresent()) {
            throw new ForbiddenException("a caller with a staff role tried the citizen's " + action)
                    .because(STAFF_FORBIDDEN_CODE);
        }
    }

    /** Any role but the citizen's: officers, inspectors, administrators, the steering committee. */
    private static boolean isStaff(Officer signedIn) {
        return signedIn.roles().stream().anyMatch(role -> role != Role.CITIZEN);
    }

    /** Who may act on items: the officers of the responsible unit or above it. */
    private Officer officer() {
        return caller.requireAny(Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER);
    }

    /** Who may read items (within their scope). */
    private Officer reader() {
        return caller.requireAny(Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER, Role.INSPECTOR, Role.ADMIN);
    }

    private OfficerView view(Feedback item) {
        return OfficerView.of(item, clock.instant());
    }
}
