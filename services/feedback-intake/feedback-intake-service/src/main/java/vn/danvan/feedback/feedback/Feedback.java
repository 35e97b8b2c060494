package vn.danvan.feedback.feedback;

import static vn.danvan.feedback.feedback.FeedbackStatus.ACCEPTED;
import static vn.danvan.feedback.feedback.FeedbackStatus.ANSWERED;
import static vn.danvan.feedback.feedback.FeedbackStatus.ASSIGNED;
import static vn.danvan.feedback.feedback.FeedbackStatus.CLOSED;
import static vn.danvan.feedback.feedback.FeedbackStatus.IN_PROGRESS;
import static vn.danvan.feedback.feedback.FeedbackStatus.RECEIVED;
import static vn.danvan.feedback.feedback.FeedbackStatus.REJECTED;
import static vn.danvan.feedback.feedback.FeedbackStatus.REOPENED;
import static vn.danvan.feedback.feedback.FeedbackStatus.TRANSFERRED;
import static vn.danvan.feedback.feedback.FeedbackStatus.WITHDRAWN;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackAccepted;
import vn.danvan.feedback.api.events.v1.FeedbackAnswered;
import vn.danvan.feedback.api.events.v1.FeedbackAssigned;
import vn.danvan.feedback.api.events.v1.FeedbackClosed;
import vn.danvan.feedback.api.events.v1.FeedbackDeadlineExtended;
import vn.danvan.feedback.api.events.v1.FeedbackDueSoon;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackOverdue;
import vn.danvan.feedback.api.events.v1.FeedbackRated;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.feedback.api.events.v1.FeedbackRejected;
import vn.danvan.feedback.api.events.v1.FeedbackReopened;
import vn.danvan.feedback.api.events.v1.FeedbackTransferred;
import vn.danvan.feedback.api.events.v1.FeedbackWithdrawn;
import vn.danvan.feedback.api.events.v1.ModelAssessed;
import vn.danvan.feedback.deadline.Complexity;
import vn.danvan.feedback.deadline.DeadlinePolicy;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.outbox.OutboxAggregate;
import vn.danvan.kit.web.ConflictException;
import vn.danvan.kit.web.IllegalTransitionException;
import vn.danvan.kit.web.RuleViolationException;

/**
 * A citizen's feedback item and its life: every action checks the state it starts from, records a timeline entry
 * and returns the event it raises (the service records and saves them in one write).
 */
@Document("feedback")
public class Feedback extends OutboxAggregate {

    /** The actions and the states each may start from: the source of every 409's list of allowed actions. */
    static final Map<String, Set<FeedbackStatus>> ALLOWED = Map.ofEntries(
            Map.entry("accept", EnumSet.of(RECEIVED, TRANSFERRED)),
            Map.entry("reject", EnumSet.of(RECEIVED, TRANSFERRED)),
            Map.entry("transfer", EnumSet.of(RECEIVED, TRANSFERRED)),
            Map.entry("assign", EnumSet.of(ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED)),
            Map.entry("start", EnumSet.of(ASSIGNED)),
            Map.entry("answer", EnumSet.of(ASSIGNED, IN_PROGRESS)),
            Map.entry("close", EnumSet.of(ANSWERED)),
            Map.entry("rate", EnumSet.of(ANSWERED, CLOSED)),
            Map.entry("reopen", EnumSet.of(ANSWERED, CLOSED)),
            Map.entry("withdraw", EnumSet.of(RECEIVED, TRANSFERRED, ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED)),
            // an officer records the citizen's written withdrawal (đơn rút), under the officer's own name
            Map.entry(
                    "record-withdrawal", EnumSet.of(RECEIVED, TRANSFERRED, ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED)),
            // before acceptance only a denunciation's acceptance limit (offered only then, see allowedActions)
            Map.entry("extend", EnumSet.of(RECEIVED, TRANSFERRED, ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED)),
            // a denouncer's withdrawal of an accepted denunciation, for the resolver to decide (offered only then)
            Map.entry("decide-withdrawal", EnumSet.of(ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED)));

    /** Timeline steps that are no action of {@link #ALLOWED}; the tracking page labels them as it labels actions. */
    static final List<String> OTHER_STEPS = List.of(
            "receive",
            "request-withdrawal",
            "end-on-withdrawal",
            "continue-after-withdrawal",
            "confirm-duplicate",
            "dismiss-duplicate",
            // the system's transfer of a reopened complaint or denunciation to the resolver's superior
            "escalate");

    static final String CITIZEN = "citizen";
    static final String SYSTEM = "system";

    @Id
    private String id;

    private String trackingCode;

    private String idempotencyKey;

    private String requestFingerprint;

    private FeedbackKind kind;
    private Channel channel;
    private String subject;
    private String content;
    private String category;
    private Location location;
    private Contact contact;
    private boolean protectedIdentity;

    private String responsibleUnit;

    /** The responsible unit and its ancestors: an officer's scope query is one equality on this array. */
    private List<String> scopePath;

    private String dialogueRecommendationId;
    private String consultationId;
    private String modelId;
    private Integer modelRating;

    private Complexity complexity = Complexity.NORMAL;
    private boolean remoteArea;
    private boolean secondTime;
    private boolean emergency;

    /**
     * Complaints: the day the complainant received the decision or knew of the act (ISO date), as they gave it; then
     * the last day of the filing limit counted from it, and whether the complaint arrived after that day. Dates as
     * text: the store's dates are instants, and a day must not move with a server's time zone.
     */
    private String decisionKnownOn;

    private String filingLimitUntil;
    private boolean filingLimitPassedOnArrival;

    private FeedbackStatus status;

    private Instant receivedAt;

    /** When the responsible unit got the item: its receipt, or its last transfer. A service level counts from it. */
    private Instant arrivedAt;

    private Instant acceptBy;
    private Instant acceptedAt;

    /**
     * When the running resolution round began: the acceptance, or the last reopening at the same unit (a reopening
     * that goes to the superior starts at the superior's acceptance). Extensions count from it.
     */
    private Instant resolutionStartedAt;

    private Instant resolveBy;

    /** Extension decisions of the running resolution round (a reopened item starts a new round, at its superior's). */
    private int extensions;

    private String assignee;
    private String answer;
    private Instant answeredAt;
    private Integer rating;
    private int reopenCount;

    /** A denouncer asked to withdraw an accepted denunciation; the resolver has not decided yet. */
    private Instant withdrawalRequestedAt;

    /** The deadline whose "due soon" / "overdue" event was raised, so each is raised once per deadline. */
    private Instant dueSoonRaisedFor;

    private Instant overdueRaisedFor;

    /** The deadline running now (acceptance or resolution), kept as a field so lists can filter overdue items. */
    private Instant openDeadline;

    /** When the deadline watch must look at this item next; null when no deadline runs. */
    private Instant nextAlertAt;

    private DuplicateLink duplicateOf;
    private List<TimelineEntry> timeline = new ArrayList<>();

    /** What a submission carries; validated before it gets here. */
    record Intake(
            FeedbackKind kind,
            Channel channel,
            String subject,
            String content,
            String category,
            Location location,
            Contact contact,
            boolean protectedIdentity,
            String dialogueRecommendationId,
            String consultationId,
            String modelId,
            Integer modelRating,
            boolean secondTime,
            boolean emergency,
            LocalDate decisionKnownOn,
            FilingLimit filingLimit) {}

    /** @param receivedBy the receipt's actor: the officer who entered it for the citizen, the citizen, or the system */
    static Feedback receive(
            String id,
            String trackingCode,
            Intake intake,
            String receivedBy,
            String responsibleUnit,
            List<String> scopePath,
            boolean remoteArea,
            Instant now,
            Instant acceptBy,
            DuplicateLink duplicate) {
        Feedback item = new Feedback();
        item.id = id;
        item.trackingCode = trackingCode;
        item.kind = intake.kind();
        item.channel = intake.channel();
        item.subject = intake.subject();
        item.content = intake.content();
        item.category = intake.category();
        item.location = intake.location();
        item.contact = intake.contact();
        item.protectedIdentity = intake.protectedIdentity();
        item.dialogueRecommendationId = intake.dialogueRecommendationId();
        item.consultationId = intake.consultationId();
        item.modelId = intake.modelId();
        item.modelRating = intake.modelRating();
        item.secondTime = intake.secondTime();
        item.emergency = intake.emergency();
        if (intake.decisionKnownOn() != null && intake.filingLimit() != null) {
            item.decisionKnownOn = intake.decisionKnownOn().toString();
            item.filingLimitUntil = intake.filingLimit().until().toString();
            item.filingLimitPassedOnArrival = intake.filingLimit().passedOnArrival();
        }
        item.remoteArea = remoteArea;
        item.responsibleUnit = responsibleUnit;
        item.scopePath = List.copyOf(scopePath);
        item.receivedAt = now;
        item.arrivedAt = now;
        item.acceptBy = acceptBy;
        item.duplicateOf = duplicate;
        item.status = RECEIVED;
        item.timeline.add(new TimelineEntry(now, receivedBy, "receive", null, RECEIVED, null, null, null));
        item.record(new FeedbackReceived(
                id,
                item.kind,
                item.channel,
                item.category,
                responsibleUnit,
                now,
                item.communeCode(),
                acceptBy,
                duplicate == null ? null : duplicate.feedbackId(),
                item.dialogueRecommendationId,
                item.consultationId,
                item.modelId));
        if (item.kind == FeedbackKind.MODEL_ASSESSMENT && item.modelId != null && item.modelRating != null) {
            item.record(new ModelAssessed(id, item.modelId, item.modelRating, item.communeCode(), item.channel, now));
        }
        item.scheduleAlerts(null);
        return item;
    }

    DomainEvent accept(String actor, Instant now, Instant resolveBy) {
        FeedbackStatus from = check("accept");
        boolean onTime = acceptBy == null || !now.isAfter(acceptBy);
        this.acceptedAt = now;
        this.resolutionStartedAt = now;
        this.resolveBy = resolveBy;
        newStage();
        move(from, ACCEPTED, actor, "accept", null, null, now);
        return new FeedbackAccepted(id, kind, channel, category, responsibleUnit, now, resolveBy, onTime);
    }

    DomainEvent reject(String actor, RejectionReason reason, String note, Instant now) {
        FeedbackStatus from = check("reject");
        if (!reason.appliesTo(this)) {
            throw new RuleViolationException(
                            "feedback.reject.reason-not-applicable." + reason.name(),
                            rejectionReasons().stream().map(Enum::name).collect(Collectors.joining(", ")))
                    .onField("reason");
        }
        boolean onTime = acceptBy == null || !now.isAfter(acceptBy);
        move(from, REJECTED, actor, "reject", reason.name(), note, now);
        return new FeedbackRejected(id, kind, channel, category, responsibleUnit, now, reason.name(), onTime);
    }

    DomainEvent transfer(
            String actor,
            String toUnit,
            List<String> toScopePath,
            TransferReason reason,
            String note,
            Instant now,
            Instant newAcceptBy) {
        FeedbackStatus from = check("transfer");
        if (toUnit.equals(responsibleUnit)) {
            throw new ConflictException("feedback.transfer.same-unit");
        }
        String fromUnit = responsibleUnit;
        this.responsibleUnit = toUnit;
        this.scopePath = List.copyOf(toScopePath);
        this.arrivedAt = now;
        this.acceptBy = newAcceptBy;
        newStage();
        move(new TimelineEntry(now, actor, "transfer", from, TRANSFERRED, reason.name(), null, note));
        // the code only: the officer's note may name people (a denouncer), and events reach every consumer
        return new FeedbackTransferred(id, kind, channel, category, fromUnit, toUnit, now, reason.name(), newAcceptBy);
    }

    DomainEvent assign(String actor, String assignee, Instant now) {
        FeedbackStatus from = check("assign");
        if (from == ASSIGNED && assignee.equals(this.assignee)) {
            // the same assignment again (a double click, a retry): nothing changes, nothing is published
            return null;
        }
        this.assignee = assignee;
        move(from, ASSIGNED, actor, "assign", null, null, now);
        return new FeedbackAssigned(id, kind, channel, category, responsibleUnit, now);
    }

    /** Work begins; no event: nothing outside the service counts it. */
    void start(String actor, Instant now) {
        FeedbackStatus from = check("start");
        move(from, IN_PROGRESS, actor, "start", null, null, now);
    }

    DomainEvent answer(String actor, String text, Instant now, int workingDaysTaken) {
        FeedbackStatus from = check("answer");
        boolean onTime = resolveBy == null || !now.isAfter(resolveBy);
        this.answer = text;
        this.answeredAt = now;
        this.rating = null;
        move(from, ANSWERED, actor, "answer", null, text, now);
        return new FeedbackAnswered(
                id, kind, channel, category, responsibleUnit, now, resolveBy, onTime, workingDaysTaken);
    }

    DomainEvent close(String actor, Instant now) {
        FeedbackStatus from = check("close");
        move(from, CLOSED, actor, "close", null, null, now);
        return new FeedbackClosed(id, kind, channel, category, responsibleUnit, now);
    }

    DomainEvent rate(int stars, Instant now) {
        check("rate");
        if (rating != null) {
            throw new ConflictException("feedback.rate.already-rated");
        }
        this.rating = stars;
        timeline.add(new TimelineEntry(now, CITIZEN, "rate", status, status, null, null, null));
        return new FeedbackRated(id, kind, channel, category, responsibleUnit, now, stars);
    }

    /**
     * The citizen reopens the answer and the same unit answers again, in a new round counted from now: every kind
     * but a complaint or a denunciation, and those two where the unit has no superior on the platform (a province, an
     * agency), which then handles the second round itself ({@link #beginSecondRound}).
     */
    DomainEvent reopen(String reason, Instant now, Duration window, Instant newResolveBy) {
        FeedbackStatus from = checkReopening(now, window);
        this.reopenCount++;
        if (reopensForASecondRound()) {
            beginSecondRound();
        }
        // a new resolution round: its time limit, and the extensions the law allows, count from now
        this.resolutionStartedAt = now;
        this.extensions = 0;
        this.resolveBy = newResolveBy;
        newStage();
        move(from, REOPENED, CITIZEN, "reopen", reason, null, now);
        return new FeedbackReopened(id, kind, channel, category, responsibleUnit, now, newResolveBy);
    }

    /**
     * The citizen reopens a complaint or denunciation whose resolver has a superior: a second-time complaint (Luật
     * Khiếu nại 2011, Art. 7, 33) or a further denunciation (tố cáo tiếp, Luật Tố cáo 2018, Art. 37) goes to that
     * superior, which accepts it (thụ lý) within its acceptance limit, or refuses it, before its own resolution round
     * begins (Art. 36 and 37 of the complaint law count the second time from that acceptance). Two events, in this
     * order, in the same write: FeedbackReopened at the unit whose answer is contested (recorded here), then the
     * FeedbackTransferred returned, reason {@link #REOPENED_TO_SUPERIOR}, that statistics counts as any transfer.
     */
    DomainEvent reopenAtSuperior(
            String reason,
            Instant now,
            Duration window,
            String superior,
            List<String> superiorScopePath,
            Instant newAcceptBy) {
        FeedbackStatus from = checkReopening(now, window);
        this.reopenCount++;
        beginSecondRound();
        move(from, REOPENED, CITIZEN, "reopen", reason, null, now);
        String fromUnit = responsibleUnit;
        record(new FeedbackReopened(id, kind, channel, category, fromUnit, now, newAcceptBy));
        this.responsibleUnit = superior;
        this.scopePath = List.copyOf(superiorScopePath);
        this.arrivedAt = now;
        this.acceptBy = newAcceptBy;
        // nothing of the first round runs on: the superior accepts, assigns and decides on complexity itself
        this.acceptedAt = null;
        this.resolutionStartedAt = null;
        this.resolveBy = null;
        this.assignee = null;
        newStage();
        move(new TimelineEntry(now, SYSTEM, "escalate", REOPENED, TRANSFERRED, REOPENED_TO_SUPERIOR, null, null));
        return new FeedbackTransferred(
                id, kind, channel, category, fromUnit, superior, now, REOPENED_TO_SUPERIOR, newAcceptBy);
    }

    /** The transfer reason code of {@link #reopenAtSuperior}: never an officer's choice, so not a TransferReason. */
    static final String REOPENED_TO_SUPERIOR = "REOPENED_TO_SUPERIOR";

    /** Whether reopening starts the law's second round: complaints and denunciations. */
    boolean reopensForASecondRound() {
        return kind == FeedbackKind.COMPLAINT || kind == FeedbackKind.DENUNCIATION;
    }

    /**
     * A complaint becomes a second-time complaint (its longer limits); either kind's new resolver decides on complexity
     * and extensions afresh: the first resolver's decisions were about its own round.
     */
    private void beginSecondRound() {
        if (kind == FeedbackKind.COMPLAINT) {
            this.secondTime = true;
        }
        this.complexity = Complexity.NORMAL;
        this.extensions = 0;
    }

    private FeedbackStatus checkReopening(Instant now, Duration window) {
        FeedbackStatus from = check("reopen");
        if (finalAdministrativeStep()) {
            throw new ConflictException("feedback.reopen.second-time-final");
        }
        if (answeredAt != null && now.isAfter(answeredAt.plus(window))) {
            throw new ConflictException("feedback.reopen.window-passed", window.toDays());
        }
        return from;
    }

    /**
     * A second-time complaint's answer is the last administrative step: a complainant who still disagrees sues at the
     * administrative court (Luật Khiếu nại 2011, Art. 7); there is no third time to reopen it for.
     */
    private boolean finalAdministrativeStep() {
        return kind == FeedbackKind.COMPLAINT && secondTime;
    }

    /**
     * The citizen withdraws. An accepted denunciation is not ended by it: Luật Tố cáo 2018, Art. 33, lets the resolver
     * go on where the reported act looks unlawful or the withdrawal was forced, so the request is recorded and the
     * resolver decides ({@link #decideWithdrawal}); no event until then. Anything else ends at once.
     */
    DomainEvent withdraw(String reason, Instant now) {
        return withdraw(check("withdraw"), CITIZEN, reason, null, now);
    }

    /**
     * An officer records the citizen's withdrawal received in writing (a letter, minutes of a reception signed by the
     * citizen: Luật Khiếu nại 2011, Art. 10; Luật Tố cáo 2018, Art. 33), the way to withdraw an item whose tracking
     * code went through staff's hands. The step is the officer's, by name, with the written request's reference as
     * its note; the rest is the citizen's withdrawal.
     */
    DomainEvent recordWithdrawal(String officer, String reason, String request, Instant now) {
        return withdraw(check("record-withdrawal"), officer, reason, request, now);
    }

    private DomainEvent withdraw(FeedbackStatus from, String actor, String reason, String note, Instant now) {
        if (kind == FeedbackKind.DENUNCIATION && FeedbackStatus.IN_RESOLUTION.contains(from)) {
            if (withdrawalRequestedAt == null) {
                withdrawalRequestedAt = now;
                timeline.add(new TimelineEntry(now, actor, "request-withdrawal", from, from, reason, null, note));
            }
            return null;
        }
        // the written request's reference is the officers' record, not a note for the tracking page
        move(new TimelineEntry(now, actor, "withdraw", from, WITHDRAWN, reason, null, note));
        return new FeedbackWithdrawn(id, kind, channel, category, responsibleUnit, now);
    }

    /**
     * Whether staff have seen this item's tracking code: they entered it for the citizen (a letter, a hotline call, a
     * reception, a dialogue, an import) and pass the code on. Such a code proves no one is the citizen, so it does not
     * rate the answer or withdraw the item (an officer would rate their own answer or end a denunciation about
     * their own commune as the citizen); it still tracks the item and reopens an answer (the citizen's remedy, which
     * sends a complaint or denunciation to the superior).
     */
    boolean codeKnownToStaff() {
        return channel != Channel.WEB && channel != Channel.APP;
    }

    /** The citizen's steps a code known to staff cannot take (see {@link #codeKnownToStaff}). */
    static final Set<String> NEEDS_CODE_ONLY_THE_CITIZEN_HAS = Set.of("rate", "withdraw");

    /**
     * The resolver's decision on a denouncer's withdrawal: end the resolution, or go on with it (the reported act looks
     * unlawful, or the withdrawal was forced), the note saying why.
     */
    DomainEvent decideWithdrawal(String actor, boolean end, String note, Instant now) {
        FeedbackStatus from = check("decide-withdrawal");
        if (withdrawalRequestedAt == null) {
            throw new ConflictException("feedback.withdrawal.none-requested");
        }
        withdrawalRequestedAt = null;
        if (!end) {
            timeline.add(new TimelineEntry(now, actor, "continue-after-withdrawal", from, from, null, null, note));
            return null;
        }
        move(new TimelineEntry(now, actor, "end-on-withdrawal", from, WITHDRAWN, null, null, note));
        return new FeedbackWithdrawn(id, kind, channel, category, responsibleUnit, now);
    }

    DomainEvent extend(String actor, Complexity decided, String reason, Instant now, Instant newDeadline) {
        check("extend");
        Instant previous = resolveBy;
        this.complexity = decided;
        this.extensions++;
        this.resolveBy = newDeadline;
        timeline.add(new TimelineEntry(now, actor, "extend", status, status, reason, null, null));
        scheduleAlerts(null);
        return new FeedbackDeadlineExtended(
                id, kind, channel, category, responsibleUnit, now, previous, newDeadline, extensions);
    }

    /**
     * A denunciation needing verification at several places gets the longer acceptance limit, once; the complexity
     * decided stays for its resolution.
     */
    DomainEvent extendAcceptance(String actor, Complexity decided, String reason, Instant now, Instant newAcceptBy) {
        check("extend");
        Instant previous = acceptBy;
        this.complexity = decided;
        this.acceptBy = newAcceptBy;
        timeline.add(new TimelineEntry(now, actor, "extend", status, status, reason, null, null));
        scheduleAlerts(null);
        return new FeedbackDeadlineExtended(
                id, kind, channel, category, responsibleUnit, now, previous, newAcceptBy, extensions);
    }

    /** An officer confirms or dismisses a suspected duplicate. */
    void decideDuplicate(String actor, boolean confirmed, Instant now) {
        if (duplicateOf == null || duplicateOf.state() != DuplicateLink.State.FLAGGED) {
            throw new ConflictException("feedback.duplicate.nothing-to-decide");
        }
        this.duplicateOf = duplicateOf.decide(confirmed);
        timeline.add(new TimelineEntry(
                now, actor, confirmed ? "confirm-duplicate" : "dismiss-duplicate", status, status, null, null, null));
    }

    /**
     * The deadline running now (acceptance before thụ lý, resolution after), or null. Alerts are raised against it.
     */
    Instant currentDeadline() {
        if (FeedbackStatus.AWAITING_ACCEPTANCE.contains(status)) {
            return acceptBy;
        }
        if (FeedbackStatus.IN_RESOLUTION.contains(status)) {
            return resolveBy;
        }
        return null;
    }

    String currentStage() {
        return FeedbackStatus.AWAITING_ACCEPTANCE.contains(status) ? "ACCEPTANCE" : "RESOLUTION";
    }

    /**
     * Raises "due soon" or "overdue" for the current deadline if its time has come and it was not raised before:
     * once per deadline, whatever the number of replicas (the save that records it is optimistic).
     */
    DomainEvent deadlineAlert(Instant now, Instant dueSoonAt) {
        Instant deadline = currentDeadline();
        DomainEvent event = null;
        if (deadline != null && now.isAfter(deadline) && !deadline.equals(overdueRaisedFor)) {
            overdueRaisedFor = deadline;
            dueSoonRaisedFor = deadline; // an overdue item is past "soon"
            event = new FeedbackOverdue(id, kind, channel, category, responsibleUnit, now, currentStage(), deadline);
        } else if (deadline != null
                && dueSoonAt != null
                && !now.isBefore(dueSoonAt)
                && !deadline.equals(dueSoonRaisedFor)) {
            dueSoonRaisedFor = deadline;
            event = new FeedbackDueSoon(id, kind, channel, category, responsibleUnit, now, currentStage(), deadline);
        }
        scheduleAlerts(dueSoonAt);
        return event;
    }

    /**
     * A new deadline begins (acceptance gives way to resolution, a transfer starts the receiving unit's clock, a
     * reopening a new round): its alerts are its own even where it ends at the same instant as the last one. A report
     * answered by service level has one instant for both stages: accepted late, it is still overdue, and without this
     * the overdue already raised for its acceptance kept it from being raised again, so statistics, which clear
     * overdue on acceptance, counted it as on time.
     */
    private void newStage() {
        dueSoonRaisedFor = null;
        overdueRaisedFor = null;
    }

    /** Sets when the deadline watch must look next: at "due soon", then at the deadline, then never. */
    void scheduleAlerts(Instant dueSoonAt) {
        Instant deadline = currentDeadline();
        openDeadline = deadline;
        if (deadline == null || deadline.equals(overdueRaisedFor)) {
            nextAlertAt = null;
        } else if (!deadline.equals(dueSoonRaisedFor) && dueSoonAt != null) {
            nextAlertAt = dueSoonAt;
        } else if (!deadline.equals(dueSoonRaisedFor)) {
            nextAlertAt = receivedAt; // due-soon time not known yet: the watch computes it on its first look
        } else {
            nextAlertAt = deadline.plusMillis(1);
        }
    }

    /**
     * The citizen's own steps, taken with the tracking code; staff get a 403 on them (FeedbackController). Every
     * other action is an officer's.
     */
    static final Set<String> CITIZEN_ACTIONS = Set.of("rate", "reopen", "withdraw");

    /**
     * A 409 naming the allowed actions unless the current state allows {@code action}: those of the same side (a
     * citizen's refused step names the citizen's steps, an officer's the officer's), since the other side's would
     * only get a 403.
     */
    FeedbackStatus check(String action) {
        if (!ALLOWED.get(action).contains(status)) {
            throw new IllegalTransitionException(
                    status.name(), action, allowedActions(CITIZEN_ACTIONS.contains(action)));
        }
        return status;
    }

    /** The rejection reasons that fit this item (RejectionReason#appliesTo), in their list's order. */
    List<RejectionReason> rejectionReasons() {
        return Arrays.stream(RejectionReason.values())
                .filter(r -> r.appliesTo(this))
                .toList();
    }

    /** The officers' actions the current state allows, for 409 answers and the officer's view. */
    List<String> allowedActions() {
        return allowedActions(false);
    }

    /** The actions the current state allows to a citizen ({@link #CITIZEN_ACTIONS}) or to an officer (the rest). */
    List<String> allowedActions(boolean citizen) {
        return ALLOWED.entrySet().stream()
                .filter(e -> CITIZEN_ACTIONS.contains(e.getKey()) == citizen)
                .filter(e -> e.getValue().contains(status))
                .filter(e -> !e.getKey().equals("extend") || mayBeExtended())
                .filter(e -> !e.getKey().equals("decide-withdrawal") || withdrawalRequestedAt != null)
                // an answer is rated once (a second rating is a 409 feedback.rate.already-rated)
                .filter(e -> !e.getKey().equals("rate") || rating == null)
                .filter(e -> !e.getKey().equals("reopen") || !finalAdministrativeStep())
                .filter(e -> !citizen || !codeKnownToStaff() || !NEEDS_CODE_ONLY_THE_CITIZEN_HAS.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * Whether the law knows an extension for this item: a denunciation (DeadlinePolicy says how many its complexity
     * allows), a complaint not yet found complex. Items answered by service level have none.
     */
    boolean mayBeExtended() {
        if (FeedbackStatus.AWAITING_ACCEPTANCE.contains(status)) {
            // Luật Tố cáo 2018, Art. 24(1): 10 working days instead of 7 where verification takes several places
            return kind == FeedbackKind.DENUNCIATION && complexity == Complexity.NORMAL;
        }
        return (kind == FeedbackKind.DENUNCIATION && extensions < DeadlinePolicy.MOST_DENUNCIATION_EXTENSIONS)
                || (kind == FeedbackKind.COMPLAINT && extensions == 0);
    }

    private void move(
            FeedbackStatus from,
            FeedbackStatus to,
            String actor,
            String action,
            String reason,
            String note,
            Instant now) {
        move(new TimelineEntry(now, actor, action, from, to, reason, note, null));
    }

    private void move(TimelineEntry step) {
        this.status = step.toStatus();
        timeline.add(step);
        scheduleAlerts(null);
    }

    String communeCode() {
        return location == null ? null : location.communeCode();
    }

    static boolean isKnownAction(String action) {
        return ALLOWED.containsKey(action);
    }

    static List<String> actions() {
        return Arrays.asList(ALLOWED.keySet().stream().sorted().toArray(String[]::new));
    }

    // read access for views and the service

    public String getId() {
        return id;
    }

    public String getTrackingCode() {
        return trackingCode;
    }

    String getIdempotencyKey() {
        return idempotencyKey;
    }

    String getRequestFingerprint() {
        return requestFingerprint;
    }

    void markIdempotent(String key, String fingerprint) {
        this.idempotencyKey = key;
        this.requestFingerprint = fingerprint;
    }

    public FeedbackKind getKind() {
        return kind;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getSubject() {
        return subject;
    }

    public String getContent() {
        return content;
    }

    public String getCategory() {
        return category;
    }

    public Location getLocation() {
        return location;
    }

    Contact getContact() {
        return contact;
    }

    public boolean hasProtectedIdentity() {
        return protectedIdentity;
    }

    public String getResponsibleUnit() {
        return responsibleUnit;
    }

    public FeedbackStatus getStatus() {
        return status;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getAcceptBy() {
        return acceptBy;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }

    /** When the responsible unit got the item (items stored before this was kept: their receipt). */
    public Instant getArrivedAt() {
        return arrivedAt != null ? arrivedAt : receivedAt;
    }

    /** When the running resolution round began (items stored before this was kept: their acceptance). */
    public Instant getResolutionStartedAt() {
        return resolutionStartedAt != null ? resolutionStartedAt : acceptedAt;
    }

    public Instant getResolveBy() {
        return resolveBy;
    }

    public Instant getWithdrawalRequestedAt() {
        return withdrawalRequestedAt;
    }

    public int getReopenCount() {
        return reopenCount;
    }

    public int getExtensions() {
        return extensions;
    }

    public String getAssignee() {
        return assignee;
    }

    public String getAnswer() {
        return answer;
    }

    public Instant getAnsweredAt() {
        return answeredAt;
    }

    public Integer getRating() {
        return rating;
    }

    public Complexity getComplexity() {
        return complexity;
    }

    public boolean isRemoteArea() {
        return remoteArea;
    }

    public boolean isSecondTime() {
        return secondTime;
    }

    public boolean isEmergency() {
        return emergency;
    }

    /** The day the complainant received the decision or knew of the act; null when not given. */
    public LocalDate decisionKnownOn() {
        return decisionKnownOn == null ? null : LocalDate.parse(decisionKnownOn);
    }

    /** The filing limit counted from {@link #decisionKnownOn()}; null when that day was not given. */
    public FilingLimit filingLimit() {
        return filingLimitUntil == null
                ? null
                : new FilingLimit(LocalDate.parse(filingLimitUntil), filingLimitPassedOnArrival);
    }

    public DuplicateLink getDuplicateOf() {
        return duplicateOf;
    }

    public String getDialogueRecommendationId() {
        return dialogueRecommendationId;
    }

    public String getConsultationId() {
        return consultationId;
    }

    public String getModelId() {
        return modelId;
    }

    public List<TimelineEntry> getTimeline() {
        return List.copyOf(timeline);
    }

    Instant getNextAlertAt() {
        return nextAlertAt;
    }

    boolean isOverdue(Instant now) {
        Instant deadline = currentDeadline();
        return deadline != null && now.isAfter(deadline);
    }
}
