package vn.danvan.feedback.feedback;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.channel.ChannelRules;
import vn.danvan.feedback.consultation.ConsultationLinks;
import vn.danvan.feedback.deadline.Complexity;
import vn.danvan.feedback.deadline.DeadlineCase;
import vn.danvan.feedback.deadline.DeadlinePolicy;
import vn.danvan.feedback.deadline.WorkingCalendar;
import vn.danvan.feedback.duplicate.DuplicateDetector;
import vn.danvan.feedback.duplicate.TextFingerprint;
import vn.danvan.feedback.identity.DenouncerIdentity;
import vn.danvan.feedback.identity.FeedbackUnitLookup;
import vn.danvan.feedback.identity.IdentityVault;
import vn.danvan.feedback.tracking.TrackingCodes;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.web.ConflictException;
import vn.danvan.kit.web.ForbiddenException;
import vn.danvan.kit.web.IllegalTransitionException;
import vn.danvan.kit.web.NotFoundException;
import vn.danvan.kit.web.RuleViolationException;

/**
 * The feedback feature's use cases: submission from every channel, the lifecycle actions of officers and citizens,
 * the deadline alerts. Each use case loads one item, lets it decide, and saves it with its events in one write; a
 * save that loses an optimistic race (another officer, or the outbox relay) is retried on a fresh copy.
 */
@Service
public class FeedbackService implements FeedbackUnitLookup {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int ATTEMPTS = 5;

    private final FeedbackRepository repository;
    private final FeedbackProperties properties;
    private final Routing routing;
    private final DeadlinePolicy deadlines;
    private final WorkingCalendar calendar;
    private final TrackingCodes trackingCodes;
    private final DuplicateDetector duplicates;
    private final IdentityVault identities;
    private final UnitScope scope;
    private final AdministrativeUnits units;
    private final Clock clock;
    private final ConsultationLinks consultations;

    FeedbackService(
            FeedbackRepository repository,
            FeedbackProperties properties,
            Routing routing,
            DeadlinePolicy deadlines,
            WorkingCalendar calendar,
            TrackingCodes trackingCodes,
            DuplicateDetector duplicates,
            IdentityVault identities,
            UnitScope scope,
            AdministrativeUnits units,
            Clock clock,
            ConsultationLinks consultations) {
        this.repository = repository;
        this.properties = properties;
        this.routing = routing;
        this.deadlines = deadlines;
        this.calendar = calendar;
        this.trackingCodes = trackingCodes;
        this.duplicates = duplicates;
        this.identities = identities;
        this.scope = scope;
        this.units = units;
        this.clock = clock;
        this.consultations = consultations;
    }

    /** What a submission returns; a retried submission with the same Idempotency-Key returns the same. */
    public record Receipt(Feedback item, boolean created) {}

    /**
     * Accepts a submission. With an idempotency key, a retry returns the first item and creates nothing; the same key
     * with a different request is a 409.
     *
     * @param caller the signed-in caller, null when anonymous: an officer entering a letter, a hotline call or a
     *     reception is recorded as its receiver (ChannelRules says who may send on which channel)
     */
    public Receipt submit(SubmitFeedback request, String idempotencyKey, Officer caller) {
        ChannelRules.requireSendable(request.channel(), caller);
        boolean entered = ChannelRules.enteredByOfficers(request.channel());
        // as for an import: an officer enters what concerns their own unit, and guides the citizen to the competent
        // unit for anything else (entering it would start another unit's legal clock under this officer's name)
        if (entered
                && request.location() != null
                && request.location().communeCode() != null
                && !scope.covers(caller, request.location().communeCode())) {
            throw new RuleViolationException("feedback.submit.outside-scope").onField("location.communeCode");
        }
        String receivedBy = entered ? caller.id() : Feedback.CITIZEN;
        // a client's keys live apart from the platform's own (an import row's, a dialogue recommendation's): a key
        // sent as "dialogue-recommendation:<id>" must not take that recommendation's place
        return receive(request, idempotencyKey == null ? null : CLIENT_KEYS + idempotencyKey, null, null, receivedBy);
    }

    static final String CLIENT_KEYS = "client:";

    /**
     * Receives a dialogue's recommendation, on its channel. The idempotency key makes a replayed event create nothing
     * new.
     */
    public Receipt receive(SubmitFeedback request, String idempotencyKey, String dialogueRecommendationId) {
        return receive(request, idempotencyKey, dialogueRecommendationId, null, Feedback.CITIZEN);
    }

    /**
     * Receives an import's row, entered by {@code enteredBy} (the importing officer, known to its job wherever it runs):
     * recorded as the receiver in the item's timeline. The idempotency key makes a replayed row create nothing new; a
     * letter that reached the unit earlier than it is entered has its legal clock and figures count from
     * {@code receivedAt} (not after now), as the laws count from the day a letter is received. Null: now.
     */
    public Receipt receive(
            SubmitFeedback request,
            String idempotencyKey,
            String dialogueRecommendationId,
            Instant receivedAt,
            Officer enteredBy) {
        return receive(request, idempotencyKey, dialogueRecommendationId, receivedAt, enteredBy.id());
    }

    /** @param receivedBy the timeline's actor of the receipt: the officer who entered it, or the citizen */
    private Receipt receive(
            SubmitFeedback request,
            String idempotencyKey,
            String dialogueRecommendationId,
            Instant receivedAt,
            String receivedBy) {
        checkRules(request);
        String subject = normalize(request.subject());
        String content = normalize(request.content());
        // what a retry with the same key must repeat; only needed with a key (most submissions have none)
        String fingerprint = idempotencyKey == null ? null : fingerprint(request, subject, content);
        if (idempotencyKey != null) {
            Optional<Feedback> earlier = earlierWithKey(idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint);
            }
        }
        Instant entered = clock.instant();
        Instant now = receivedAt != null && receivedAt.isBefore(entered) ? receivedAt : entered;
        FilingLimit filing = filingLimitOf(request.decisionKnownOn(), now);
        String id = UUID.randomUUID().toString();
        String commune = request.location().communeCode();
        String unit = routing.responsibleUnit(request.category(), commune);
        boolean remote = deadlines.isRemote(commune);
        DeadlineCase deadlineCase = new DeadlineCase(
                request.kind(), Complexity.NORMAL, remote, request.isSecondTime(), request.isEmergency(), unit);
        Instant acceptBy = deadlines.acceptBy(deadlineCase, now);
        TextFingerprint text = duplicates.fingerprint(subject + "\n" + content);
        String contactKey = request.contact() == null ? null : contactKeyOf(request.contact());
        String place = DuplicateDetector.placeOf(commune, request.kind() == FeedbackKind.DENUNCIATION);
        DuplicateLink duplicate = duplicates
                .findMatch(text, contactKey, place, now)
                .map(m -> new DuplicateLink(m.feedbackId(), m.similarity(), DuplicateLink.State.FLAGGED))
                .orElse(null);
        Feedback.Intake intake = new Feedback.Intake(
                request.kind(),
                request.channel(),
                subject,
                content,
                request.category(),
                request.location(),
                request.kind() == FeedbackKind.DENUNCIATION ? null : request.contact(),
                request.denouncer() != null,
                dialogueRecommendationId,
                request.consultationId(),
                request.modelId(),
                request.modelRating(),
                request.isSecondTime(),
                request.isEmergency(),
                request.decisionKnownOn(),
                filing);
        Feedback item = Feedback.receive(
                id,
                trackingCodes.next(),
                intake,
                receivedBy,
                unit,
                routing.scopePath(unit),
                remote,
                now,
                acceptBy,
                duplicate);
        if (idempotencyKey != null) {
            item.markIdempotent(idempotencyKey, fingerprint);
        }
        item.scheduleAlerts(acceptBy == null ? null : deadlines.dueSoonAt(acceptBy));
        if (request.denouncer() != null) {
            // sealed before the item exists: an item never refers to an identity that was not stored
            identities.seal(id, request.denouncer());
        }
        // only a refused duplicate removes the sealed identity: after any other failure the item may be stored,
        // its answer lost
        try {
            repository.save(item);
        } catch (DuplicateKeyException race) {
            if (idempotencyKey != null) {
                // a retry with the same key was stored first (the key's unique index refused this one, so it surely
                // was not stored): its identity goes, and the answer is the first item
                if (request.denouncer() != null) {
                    identities.discard(id);
                }
                return replay(earlierWithKey(idempotencyKey).orElseThrow(() -> race), fingerprint);
            }
            throw race;
        }
        try {
            duplicates.register(id, text, contactKey, place, now);
        } catch (RuntimeException e) {
            // the item is stored and its event will leave: answering 500 would have the citizen send it again. Only
            // later repeats of it go unflagged
            log.warn("Feedback {} was stored but not registered for duplicate detection", id, e);
        }
        return new Receipt(item, true);
    }

    /**
     * A complaint's filing limit, from the day its complainant received the decision or knew of the act, against the
     * day it arrived (a letter's day of receipt): shown to the officer, never a refusal. A day after its arrival is
     * no day a complaint can be about: 422.
     */
    private FilingLimit filingLimitOf(LocalDate knownOn, Instant arrivedAt) {
        if (knownOn == null) {
            return null;
        }
        LocalDate arrival = arrivedAt.atZone(VIETNAM).toLocalDate();
        if (knownOn.isAfter(arrival)) {
            throw new RuleViolationException("feedback.decision-known-on.after-arrival").onField(DECISION_KNOWN_ON);
        }
        LocalDate until = deadlines.filingLimitUntil(knownOn);
        return new FilingLimit(until, arrival.isAfter(until));
    }

    private static final String DECISION_KNOWN_ON = "decisionKnownOn";

    private Receipt replay(Feedback earlier, String fingerprint) {
        if (!fingerprint.equals(earlier.getRequestFingerprint())) {
            throw new ConflictException("feedback.idempotency-key.reused");
        }
        return new Receipt(earlier, false);
    }

    private void checkRules(SubmitFeedback request) {
        if (!properties.categories().contains(request.category())) {
            throw new RuleViolationException(
                            "feedback.category.unknown", request.category(), String.join(", ", properties.categories()))
                    .onField("category");
        }
        switch (request.kind()) {
            case COMPLAINT -> {
                // named: the whole contact when it is missing or cannot reach the citizen, its name when only that is
                if (request.contact() == null || !request.contact().canBeReached()) {
                    throw new RuleViolationException("feedback.complaint.contact-required").onField("contact");
                }
                if (request.contact().name() == null) {
                    throw new RuleViolationException("feedback.complaint.contact-required").onField("contact.name");
                }
            }
            case DENUNCIATION -> {
                if (request.denouncer() == null) {
                    throw new RuleViolationException("feedback.denunciation.identity-required").onField("denouncer");
                }
                if (request.contact() != null) {
                    throw new RuleViolationException("feedback.denunciation.contact-in-identity").onField("contact");
                }
            }
            case CONSULTATION_COMMENT -> {
                if (request.consultationId() != null) {
                    consultations.check(request.consultationId(), true);
                }
            }
            case MODEL_ASSESSMENT -> {
                if (request.modelId() == null || request.modelRating() == null) {
                    throw new RuleViolationException("feedback.model-assessment.model-and-rating-required");
                }
            }
            default -> {}
        }
        if (request.consultationId() != null && request.kind() != FeedbackKind.CONSULTATION_COMMENT) {
            consultations.check(request.consultationId(), false);
        }
        if (request.kind() != FeedbackKind.COMPLAINT && request.decisionKnownOn() != null) {
            // the filing limit of Luật Khiếu nại 2011: other kinds have none counted from a decision
            throw new RuleViolationException("feedback.decision-known-on.complaints-only").onField(DECISION_KNOWN_ON);
        }
        // flags that would change no time limit are refused, not kept: an officer reading one would trust it
        if (request.isSecondTime() && request.kind() != FeedbackKind.COMPLAINT) {
            throw new RuleViolationException("feedback.second-time.complaints-only").onField("secondTime");
        }
        if (request.isEmergency() && !DeadlinePolicy.answeredByServiceLevel(request.kind())) {
            throw new RuleViolationException("feedback.emergency.service-level-only").onField("emergency");
        }
        if (request.kind() != FeedbackKind.DENUNCIATION && request.denouncer() != null) {
            throw new RuleViolationException("feedback.identity.only-for-denunciations").onField("denouncer");
        }
    }

    // officers' actions

    public Feedback accept(String id, Officer officer) {
        return officerAction(id, officer, item -> {
            Instant now = clock.instant();
            Instant from = deadlines.resolutionStart(item.getKind(), item.getArrivedAt(), now);
            return item.accept(officer.id(), now, deadlines.resolveBy(caseOf(item), from));
        });
    }

    public Feedback reject(String id, Officer officer, RejectionReason reason, String note) {
        Feedback item = officerAction(id, officer, i -> i.reject(officer.id(), reason, note, clock.instant()));
        duplicates.close(id);
        return item;
    }

    public Feedback transfer(String id, Officer officer, String toUnit, TransferReason reason, String note) {
        if (!units.exists(toUnit)) {
            throw new RuleViolationException("feedback.transfer.unknown-unit", toUnit).onField("toUnit");
        }
        return officerAction(id, officer, item -> {
            Instant now = clock.instant();
            // the receiving unit's clock starts now, under its own service level
            return item.transfer(
                    officer.id(),
                    toUnit,
                    routing.scopePath(toUnit),
                    reason,
                    normalize(note),
                    now,
                    deadlines.acceptBy(caseOf(item, toUnit), now));
        });
    }

    public Feedback assign(String id, Officer officer, String assignee) {
        return officerAction(id, officer, item -> item.assign(officer.id(), assignee, clock.instant()));
    }

    public Feedback start(String id, Officer officer) {
        return officerAction(id, officer, item -> {
            item.start(officer.id(), clock.instant());
            return null;
        });
    }

    public Feedback answer(String id, Officer officer, String text) {
        return officerAction(id, officer, item -> {
            Instant now = clock.instant();
            // from where its time limit counts: acceptance (or the reopening) under the complaint and denunciation
            // laws, the unit's receipt under a service level (a letter answered 58 working days after it arrived
            // showed 0 days, counted from an acceptance the same day)
            Instant from = item.getReopenCount() > 0 || !DeadlinePolicy.countsFromArrival(item.getKind())
                    ? item.getResolutionStartedAt()
                    : item.getArrivedAt();
            if (from == null) {
                from = item.getReceivedAt();
            }
            int days = calendar.workingDaysBetween(
                    from.atZone(VIETNAM).toLocalDate(), now.atZone(VIETNAM).toLocalDate());
            return item.answer(officer.id(), normalize(text), now, days);
        });
    }

    public Feedback close(String id, Officer officer) {
        Feedback item = officerAction(id, officer, i -> i.close(officer.id(), clock.instant()));
        duplicates.close(id);
        return item;
    }

    public Feedback extend(String id, Officer officer, Complexity complexity, String reason) {
        return officerAction(id, officer, item -> {
            // the state first: an item not accepted yet has no resolution deadline to extend
            item.check("extend");
            Instant now = clock.instant();
            DeadlineCase decided = new DeadlineCase(
                    item.getKind(),
                    complexity,
                    item.isRemoteArea(),
                    item.isSecondTime(),
                    item.isEmergency(),
                    item.getResponsibleUnit());
            if (FeedbackStatus.AWAITING_ACCEPTANCE.contains(item.getStatus())) {
                if (item.getKind() != FeedbackKind.DENUNCIATION) {
                    // only a denunciation's acceptance limit can be longer; the others' start at acceptance
                    throw new IllegalTransitionException(item.getStatus().name(), "extend", item.allowedActions());
                }
                if (complexity == Complexity.NORMAL) {
                    throw new RuleViolationException(DeadlinePolicy.EXTENSION_NEEDS_COMPLEXITY);
                }
                if (!item.mayBeExtended()) {
                    throw new RuleViolationException(DeadlinePolicy.EXTENSIONS_EXHAUSTED, 1);
                }
                return item.extendAcceptance(
                        officer.id(), complexity, reason, now, deadlines.acceptBy(decided, item.getArrivedAt()));
            }
            // counted from the round's start (acceptance, or the reopening) so that moving off holidays never pushes
            // past the legal maximum
            Instant extended = deadlines.extend(decided, item.getResolutionStartedAt(), item.getExtensions());
            return item.extend(officer.id(), complexity, reason, now, extended);
        });
    }

    /** The resolver ends an accepted denunciation its denouncer withdrew, or goes on with it (Luật Tố cáo, Art. 33). */
    public Feedback decideWithdrawal(String id, Officer officer, boolean end, String note) {
        Feedback item = officerAction(
                id, officer, i -> i.decideWithdrawal(officer.id(), end, normalize(note), clock.instant()));
        if (end) {
            duplicates.close(id);
        }
        return item;
    }

    public Feedback decideDuplicate(String id, Officer officer, boolean confirmed) {
        return officerAction(id, officer, item -> {
            item.decideDuplicate(officer.id(), confirmed, clock.instant());
            return null;
        });
    }

    /** An item as an officer may see it: 404 outside their scope, as if it did not exist. */
    public Feedback view(String id, Officer officer) {
        Feedback item = repository.findById(id).orElseThrow(() -> new NotFoundException("feedback " + id));
        scope.require(officer, item.getResponsibleUnit());
        return item;
    }

    // citizens' actions: proven by the tracking code they were given

    public Feedback rate(String id, String trackingCode, int stars) {
        return citizenAction(id, trackingCode, item -> {
            requireCodeOnlyTheCitizenHas(item);
            return item.rate(stars, clock.instant());
        });
    }

    /** A 403 for a step a tracking code known to staff cannot take (Feedback#codeKnownToStaff). */
    private static void requireCodeOnlyTheCitizenHas(Feedback item) {
        if (item.codeKnownToStaff()) {
            throw new ForbiddenException("a citizen's step with a tracking code staff have seen")
                    .because(CODE_KNOWN_TO_STAFF);
        }
    }

    static final String CODE_KNOWN_TO_STAFF = "feedback.citizen-action.code-known-to-staff";

    /**
     * The citizen reopens an answer. A complaint or denunciation starts the law's second round at the responsible
     * unit's superior (a commune's province), which must accept it first; where the unit has none on the platform it
     * stays, in a second round of its own. Any other kind is answered again by the same unit.
     */
    public Feedback reopen(String id, String trackingCode, String reason) {
        return citizenAction(id, trackingCode, item -> {
            Instant now = clock.instant();
            Duration window = properties.reopenWindow();
            if (!item.reopensForASecondRound()) {
                return item.reopen(reason, now, window, deadlines.resolveBy(caseOf(item), now));
            }
            // the second round's limits: a second-time complaint's, complexity for the new resolver to decide
            DeadlineCase second = new DeadlineCase(
                    item.getKind(),
                    Complexity.NORMAL,
                    item.isRemoteArea(),
                    item.getKind() == FeedbackKind.COMPLAINT,
                    item.isEmergency());
            Optional<String> superior = routing.superiorOf(item.getResponsibleUnit());
            if (superior.isEmpty()) {
                return item.reopen(reason, now, window, deadlines.resolveBy(second, now));
            }
            return item.reopenAtSuperior(
                    reason,
                    now,
                    window,
                    superior.get(),
                    routing.scopePath(superior.get()),
                    deadlines.acceptBy(second, now));
        });
    }

    public Feedback withdraw(String id, String trackingCode, String reason) {
        Feedback item = citizenAction(id, trackingCode, i -> {
            requireCodeOnlyTheCitizenHas(i);
            return i.withdraw(reason, clock.instant());
        });
        closeIfWithdrawn(item);
        return item;
    }

    /** An officer records the citizen's written withdrawal, under the officer's name (Feedback#recordWithdrawal). */
    public Feedback recordWithdrawal(String id, Officer officer, String reason, String request) {
        Feedback item = officerAction(
                id,
                officer,
                i -> i.recordWithdrawal(officer.id(), normalize(reason), normalize(request), clock.instant()));
        closeIfWithdrawn(item);
        return item;
    }

    // an accepted denunciation's withdrawal waits for the resolver's decision: its duplicates stay open till then
    private void closeIfWithdrawn(Feedback item) {
        if (item.getStatus() == FeedbackStatus.WITHDRAWN) {
            duplicates.close(item.getId());
        }
    }

    /** The public tracking page's item; empty for a code that is mistyped or unknown. */
    public Optional<Feedback> track(String typedCode) {
        return TrackingCodes.normalize(typedCode).flatMap(repository::findByTrackingCode);
    }

    @Override
    public Optional<String> responsibleUnit(String feedbackId) {
        return repository.findById(feedbackId).map(Feedback::getResponsibleUnit);
    }

    /** Raises the due alert of one item if its time has come; false if another replica got there first. */
    boolean raiseDeadlineAlert(String id) {
        try {
            Feedback item = repository.findById(id).orElse(null);
            if (item == null) {
                return false;
            }
            Instant deadline = item.currentDeadline();
            DomainEvent alert =
                    item.deadlineAlert(clock.instant(), deadline == null ? null : deadlines.dueSoonAt(deadline));
            if (alert != null) {
                item.record(alert);
            }
            item.scheduleAlerts(deadline == null ? null : deadlines.dueSoonAt(deadline));
            repository.save(item);
            return alert != null;
        } catch (OptimisticLockingFailureException raced) {
            return false;
        }
    }

    private Feedback officerAction(String id, Officer officer, Function<Feedback, DomainEvent> action) {
        return withRetry(id, item -> scope.covers(officer, item.getResponsibleUnit()), action);
    }

    private Feedback citizenAction(String id, String trackingCode, Function<Feedback, DomainEvent> action) {
        Optional<String> code = TrackingCodes.normalize(trackingCode == null ? "" : trackingCode);
        return withRetry(id, item -> code.isPresent() && code.get().equals(item.getTrackingCode()), action);
    }

    private Feedback withRetry(
            String id, java.util.function.Predicate<Feedback> mayAct, Function<Feedback, DomainEvent> action) {
        for (int attempt = 1; ; attempt++) {
            Feedback item = repository.findById(id).orElseThrow(() -> new NotFoundException("feedback " + id));
            if (!mayAct.test(item)) {
                throw new NotFoundException("feedback " + id + " outside the caller's reach");
            }
            DomainEvent event = action.apply(item);
            if (event != null) {
                item.record(event);
            }
            Instant deadline = item.currentDeadline();
            item.scheduleAlerts(deadline == null ? null : deadlines.dueSoonAt(deadline));
            try {
                return repository.save(item);
            } catch (OptimisticLockingFailureException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** The item's case under its responsible unit's service level. */
    private DeadlineCase caseOf(Feedback item) {
        return caseOf(item, item.getResponsibleUnit());
    }

    private static DeadlineCase caseOf(Feedback item, String unit) {
        return new DeadlineCase(
                item.getKind(),
                item.getComplexity(),
                item.isRemoteArea(),
                item.isSecondTime(),
                item.isEmergency(),
                unit);
    }

    /** Vietnamese text is kept exactly as sent, in one Unicode form (NFC), so equal text compares equal. */
    static String normalize(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private String contactKeyOf(Contact contact) {
        String reach = contact.phone() != null ? contact.phone() : contact.email();
        return reach == null ? null : duplicates.contactKey(reach);
    }

    /**
     * The item stored first under a key. A burst of retries is answered from it, so a dropped connection does not
     * turn a retry's 201 into a 503: the lookup is tried again twice (the store's failover; mongo-java-server drops a
     * connection when a document changes while it is being sent, as the relay claims the new item).
     */
    private Optional<Feedback> earlierWithKey(String idempotencyKey) {
        for (int attempt = 1; ; attempt++) {
            try {
                return repository.findByIdempotencyKey(idempotencyKey);
            } catch (DataAccessResourceFailureException dropped) {
                if (attempt >= 3) {
                    throw dropped;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw dropped;
                }
            }
        }
    }

    /**
     * A keyed digest of everything a submission says, its subject and content already normalised, and who sends it
     * (the contact, a denouncer's identity): someone else who learns a key and repeats the text gets a 409, not the
     * first sender's item and tracking code. Keyed (the contact keys' secret), so that the stored fingerprint of a
     * denunciation cannot be tested against a guessed identity.
     */
    private String fingerprint(SubmitFeedback request, String subject, String content) {
        Contact contact = request.contact();
        DenouncerIdentity denouncer = request.denouncer();
        // appended only when given, so that the keys of items stored before the field existed still match
        String knownOn = request.decisionKnownOn() == null ? "" : "\u0000" + request.decisionKnownOn();
        String canonical = String.join(
                "\u0000",
                String.valueOf(request.kind()),
                String.valueOf(request.channel()),
                subject,
                content,
                request.category(),
                request.location().communeCode(),
                String.valueOf(request.location().address()),
                String.valueOf(request.consultationId()),
                String.valueOf(request.modelId()),
                String.valueOf(request.modelRating()),
                String.valueOf(request.isSecondTime()),
                String.valueOf(request.isEmergency()),
                contact == null
                        ? "-"
                        : String.join(
                                "\u0001",
                                "" + contact.name(),
                                "" + contact.phone(),
                                "" + contact.email(),
                                "" + contact.address()),
                denouncer == null
                        ? "-"
                        : String.join(
                                "\u0001",
                                denouncer.fullName(),
                                "" + denouncer.idNumber(),
                                denouncer.address(),
                                "" + denouncer.phone(),
                                String.join("\u0001", denouncer.scanReferences())));
        return duplicates.keyedDigest(canonical + knownOn);
    }
}
