package vn.danvan.statistics.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackAccepted;
import vn.danvan.feedback.api.events.v1.FeedbackAnswered;
import vn.danvan.feedback.api.events.v1.FeedbackClosed;
import vn.danvan.feedback.api.events.v1.FeedbackDeadlineExtended;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackOverdue;
import vn.danvan.feedback.api.events.v1.FeedbackRated;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.feedback.api.events.v1.FeedbackRejected;
import vn.danvan.feedback.api.events.v1.FeedbackReopened;
import vn.danvan.feedback.api.events.v1.FeedbackTransferred;
import vn.danvan.feedback.api.events.v1.FeedbackWithdrawn;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.projection.Changes;
import vn.danvan.statistics.projection.Item;
import vn.danvan.statistics.projection.Projection;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * Feedback's lifecycle events as counters (section {@code feedback}). Every count also goes to the item's kind,
 * channel and category slices. Counts are dated by the event's time in Vietnam and attributed to the responsible
 * unit as it was when the event happened (old communes through the 2025 merge map, see {@link StatisticsUnits}).
 *
 * <p>Item state: the unit it is counted for, whether it is pending (received and not yet answered, rejected, closed or
 * withdrawn; reopened makes it pending again) and whether it is on the overdue list. An item leaves the overdue list
 * when the deadline that passed stops running: accepted, rejected, transferred, answered, closed, withdrawn, reopened
 * or given a new deadline.
 */
class FeedbackProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(FeedbackProjection.class);

    static final String SECTION = "feedback";
    static final String PENDING = "pendingNow";
    static final String OVERDUE = "overdueNow";
    /** Items that became pending (+1) or stopped being pending (-1) on a day: a flow, dated like any count. */
    static final String PENDING_CHANGE = "pendingChange";

    /**
     * The date whose list of communes an event's codes belong to: always today's. feedback-intake checks every code
     * against the 2025 list when it takes an item in, also for a letter received on paper in 2024 and imported now,
     * so a code on its events is a current unit's whatever the event's date (a June 2025 letter about today's 23710
     * "Xã Ia Băng" is Ia Băng's, not the old 23710 "Xã A Dơk"'s). A code only an old commune had still goes through
     * the merge map. A source that writes codes as of its events' dates would pass the event's date here.
     */
    private static final LocalDate TODAYS_CODES = null;

    private final StatisticsUnits units;
    private final WorkingDays workingDays;

    FeedbackProjection(StatisticsUnits units, WorkingDays workingDays) {
        this.units = units;
        this.workingDays = workingDays;
    }

    @Override
    public Set<Class<? extends DomainEvent>> counts() {
        return Set.of(
                FeedbackReceived.class,
                FeedbackAccepted.class,
                FeedbackRejected.class,
                FeedbackTransferred.class,
                FeedbackAnswered.class,
                FeedbackClosed.class,
                FeedbackReopened.class,
                FeedbackWithdrawn.class,
                FeedbackDeadlineExtended.class,
                FeedbackOverdue.class,
                FeedbackRated.class);
    }

    @Override
    public String itemKey(DomainEvent event) {
        return switch (event) {
            case FeedbackReceived e -> key(e.feedbackId());
            case FeedbackAccepted e -> key(e.feedbackId());
            case FeedbackRejected e -> key(e.feedbackId());
            case FeedbackTransferred e -> key(e.feedbackId());
            case FeedbackAnswered e -> key(e.feedbackId());
            case FeedbackClosed e -> key(e.feedbackId());
            case FeedbackReopened e -> key(e.feedbackId());
            case FeedbackWithdrawn e -> key(e.feedbackId());
            case FeedbackDeadlineExtended e -> key(e.feedbackId());
            case FeedbackOverdue e -> key(e.feedbackId());
            case FeedbackRated e -> key(e.feedbackId());
            default -> null; // assigned, due soon: no figure; models and consultations: later issues
        };
    }

    static String key(String feedbackId) {
        return "feedback/" + feedbackId;
    }

    @Override
    public void apply(DomainEvent event, Item item, Changes changes) {
        switch (event) {
            case FeedbackReceived e -> {
                String unit = attribute(item, e.unitCode(), e.occurredAt(), e.communeCode());
                if (unit == null) {
                    return;
                }
                remember(item, e.kind(), e.channel(), e.category());
                item.set("receivedAt", Date.from(e.occurredAt()));
                count(changes, item, unit, e.occurredAt(), "received", 1);
                if (owesAnswer(e.kind())) {
                    setPending(changes, item, unit, true, e.occurredAt());
                }
            }
            case FeedbackAccepted e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit != null) {
                    count(changes, item, unit, e.occurredAt(), "accepted", 1);
                    clearOverdue(changes, item);
                }
            }
            case FeedbackRejected e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit != null) {
                    count(changes, item, unit, e.occurredAt(), "rejected", 1);
                    finish(changes, item, e.occurredAt());
                }
            }
            case FeedbackTransferred e -> {
                String from =
                        unitFor(changes, item, e.fromUnitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                String to = units.attribute(e.toUnitCode(), TODAYS_CODES).orElse(null);
                clearOverdue(changes, item);
                boolean wasPending = item.is("pending");
                if (from != null) {
                    count(changes, item, from, e.occurredAt(), "transferredOut", 1);
                    if (wasPending) {
                        setPending(changes, item, from, false, e.occurredAt());
                    }
                }
                if (to != null) {
                    item.set("rawUnit", e.toUnitCode());
                    item.set("unit", to);
                    count(changes, item, to, e.occurredAt(), "transferredIn", 1);
                    if (wasPending) {
                        setPending(changes, item, to, true, e.occurredAt());
                    }
                } else {
                    log.warn("Transfer of {} to unknown unit {}: not counted there", item.key(), e.toUnitCode());
                }
            }
            case FeedbackAnswered e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit == null) {
                    return;
                }
                count(changes, item, unit, e.occurredAt(), "answered", 1);
                if (e.onTime() != null) {
                    count(changes, item, unit, e.occurredAt(), e.onTime() ? "answeredOnTime" : "answeredLate", 1);
                }
                Integer days = e.workingDaysTaken();
                if (days == null && item.getDate("receivedAt") != null) {
                    days = workingDays.between(
                            Period.dateOf(item.getDate("receivedAt").toInstant()), Period.dateOf(e.occurredAt()));
                }
                if (days != null && days >= 0) {
                    count(changes, item, unit, e.occurredAt(), "answerDays.sum", days);
                    count(changes, item, unit, e.occurredAt(), "answerDays.count", 1);
                    count(
                            changes,
                            item,
                            unit,
                            e.occurredAt(),
                            "answerDays.h." + Math.min(days, FeedbackFigures.MAX_BUCKET),
                            1);
                }
                finish(changes, item, e.occurredAt());
            }
            case FeedbackClosed e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit != null) {
                    count(changes, item, unit, e.occurredAt(), "closed", 1);
                    finish(changes, item, e.occurredAt());
                }
            }
            case FeedbackReopened e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit != null) {
                    count(changes, item, unit, e.occurredAt(), "reopened", 1);
                    clearOverdue(changes, item);
                    if (!item.is("pending") && owesAnswer(e.kind())) {
                        setPending(changes, item, unit, true, e.occurredAt());
                    }
                }
            }
            case FeedbackWithdrawn e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit != null) {
                    count(changes, item, unit, e.occurredAt(), "withdrawn", 1);
                    finish(changes, item, e.occurredAt());
                }
            }
            case FeedbackDeadlineExtended e -> {
                unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                clearOverdue(changes, item);
            }
            case FeedbackOverdue e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit != null && !item.is("overdue")) {
                    item.set("overdue", true);
                    gauge(changes, item, unit, OVERDUE, 1);
                    changes.overdue(
                            item.key(),
                            new Document("unit", unit)
                                    .append("feedbackId", e.feedbackId())
                                    .append(
                                            "kind",
                                            e.kind() == null ? null : e.kind().name())
                                    .append("stage", e.stage())
                                    .append("dueAt", e.deadline() == null ? null : Date.from(e.deadline())));
                }
            }
            case FeedbackRated e -> {
                String unit = unitFor(changes, item, e.unitCode(), e.kind(), e.channel(), e.category(), e.occurredAt());
                if (unit != null && e.rating() != null) {
                    count(changes, item, unit, e.occurredAt(), "ratingSum", e.rating());
                    count(changes, item, unit, e.occurredAt(), "ratingCount", 1);
                }
            }
            default -> {}
        }
    }

    /** Attribution of the item's first unit, by the event's date; remembered with the code as the event wrote it. */
    private String attribute(Item item, String unitCode, Instant at, String communeCode) {
        String unit = units.attribute(unitCode, TODAYS_CODES, communeCode).orElse(null);
        if (unit == null) {
            log.warn("Feedback {} names unknown unit {}: not counted", item.key(), unitCode);
            return null;
        }
        item.set("rawUnit", unitCode);
        item.set("unit", unit);
        return unit;
    }

    /**
     * The unit a later event counts for: the item's unit when the event names the same code (so a split commune's
     * item keeps the successor its reception named), else the event's own unit attributed afresh (by the event's date).
     */
    private String unitFor(
            Changes changes,
            Item item,
            String unitCode,
            FeedbackKind kind,
            Channel channel,
            String category,
            Instant at) {
        if (item.isNew() || item.getString("unit") == null) {
            // history before the topic's retention: the item is known from this event on
            remember(item, kind, channel, category);
            return attribute(item, unitCode, at, null);
        }
        if (unitCode == null || unitCode.equals(item.getString("rawUnit")) || unitCode.equals(item.getString("unit"))) {
            return item.getString("unit");
        }
        String unit = units.attribute(unitCode, TODAYS_CODES).orElse(item.getString("unit"));
        item.set("rawUnit", unitCode);
        String before = item.getString("unit");
        if (!unit.equals(before)) {
            // the responsible unit changed without a transfer event: the gauges move with the item
            if (item.is("pending")) {
                setPending(changes, item, before, false, at);
                setPending(changes, item, unit, true, at);
            }
            // the deadline that passed was the old unit's: the new unit's next overdue event lists it again
            clearOverdue(changes, item);
        }
        item.set("unit", unit);
        return unit;
    }

    private static void remember(Item item, FeedbackKind kind, Channel channel, String category) {
        if (kind != null) {
            item.set("kind", kind.name());
        }
        if (channel != null) {
            item.set("channel", channel.name());
        }
        item.set("category", FeedbackFigures.sliceKey(category));
    }

    /**
     * Whether the unit owes the sender an answer, so that the item waits for one ("pending"): not a consultation
     * comment or a model assessment sent as an item, which are read and counted (feedback-intake gives them no
     * deadline).
     */
    private static boolean owesAnswer(FeedbackKind kind) {
        return kind != FeedbackKind.CONSULTATION_COMMENT && kind != FeedbackKind.MODEL_ASSESSMENT;
    }

    private void finish(Changes changes, Item item, Instant at) {
        clearOverdue(changes, item);
        if (item.is("pending")) {
            setPending(changes, item, item.getString("unit"), false, at);
        }
    }

    /**
     * Moves the pending gauge, and counts the same move as {@link #PENDING_CHANGE} on the event's date: its running
     * total to a period's end is what was pending then ({@code pendingAtEnd}), so the two cannot drift apart.
     */
    private void setPending(Changes changes, Item item, String unit, boolean pending, Instant at) {
        gauge(changes, item, unit, PENDING, pending ? 1 : -1);
        count(changes, item, unit, at, PENDING_CHANGE, pending ? 1 : -1);
        item.set("pending", pending);
    }

    private void clearOverdue(Changes changes, Item item) {
        if (item.is("overdue")) {
            item.set("overdue", false);
            gauge(changes, item, item.getString("unit"), OVERDUE, -1);
            changes.notOverdue(item.key());
        }
    }

    private static void count(Changes changes, Item item, String unit, Instant at, String counter, long amount) {
        LocalDate date = Period.dateOf(at);
        for (String field : fields(item, counter)) {
            changes.add(unit, date, field, amount);
        }
    }

    private static void gauge(Changes changes, Item item, String unit, String counter, long amount) {
        for (String field : fields(item, counter)) {
            changes.gauge(unit, field, amount);
        }
    }

    /** The counter itself and its kind, channel and category slices. */
    private static String[] fields(Item item, String counter) {
        String kind = item.getString("kind");
        String channel = item.getString("channel");
        String category = item.getString("category");
        return new String[] {
            SECTION + "." + counter,
            SECTION + ".byKind." + (kind == null ? FeedbackFigures.NONE : kind) + "." + counter,
            SECTION + ".byChannel." + (channel == null ? FeedbackFigures.NONE : channel) + "." + counter,
            SECTION + ".byCategory." + (category == null ? FeedbackFigures.NONE : category) + "." + counter
        };
    }
}
