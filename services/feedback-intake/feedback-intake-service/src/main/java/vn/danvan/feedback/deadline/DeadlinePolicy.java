package vn.danvan.feedback.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.web.RuleViolationException;

/**
 * The legal time limits of feedback items: by when an item must be accepted (or refused), by when
 * it must be resolved, how far a denunciation may be extended, and when an item becomes due soon.
 *
 * <p>Every deadline is the end of a day ({@code danvan.feedback.deadlines.end-of-day}, 23:59:59 by
 * default: Bộ luật Dân sự 2015 Art. 148(6) ends a period at 24:00 of its last day) in {@link
 * WorkingCalendar#ZONE}, and never falls on a weekend or holiday. The start instant is taken as its
 * local date in that zone, and that date is not counted (the period starts the next day).
 */
public final class DeadlinePolicy {

    /** A kind answered by service level: the law provides no extension. */
    public static final String NOT_EXTENDABLE = "deadline.not-extendable";

    /** A complaint or denunciation of normal complexity: only complex cases may be extended. */
    public static final String EXTENSION_NEEDS_COMPLEXITY = "deadline.extension-needs-complexity";

    /** A complaint already found complex, or a denunciation extended as often as its complexity allows. */
    public static final String EXTENSIONS_EXHAUSTED = "deadline.extensions-exhausted";

    /** The most extension decisions a denunciation may have in one resolution (Luật Tố cáo 2018, Art. 30(1)). */
    public static final int MOST_DENUNCIATION_EXTENSIONS = 2;

    private final DeadlineProperties properties;
    private final WorkingCalendar calendar;
    private final AdministrativeUnits units;
    private final Map<String, DeadlineProperties.UnitServiceLevel> unitServiceLevels;

    /** @throws IllegalArgumentException when a configured remote unit does not exist */
    DeadlinePolicy(DeadlineProperties properties, WorkingCalendar calendar, AdministrativeUnits units) {
        this.properties = properties;
        this.calendar = calendar;
        this.units = units;
        List<String> unknown = new ArrayList<>();
        for (String code : properties.remoteUnits()) {
            if (!units.exists(code)) {
                unknown.add(code);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("danvan.feedback.deadlines.remote-units: unknown unit codes "
                    + unknown.stream().sorted().toList());
        }
        Map<String, DeadlineProperties.UnitServiceLevel> own = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (DeadlineProperties.UnitServiceLevel level :
                properties.serviceLevel().units()) {
            if (level.unit() == null || !units.exists(level.unit())) {
                wrong.add("unknown unit code " + level.unit());
            } else if (own.put(level.unit(), level) != null) {
                wrong.add("unit " + level.unit() + " listed twice");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("danvan.feedback.deadlines.service-level.units: "
                    + wrong.stream().sorted().toList());
        }
        this.unitServiceLevels = Map.copyOf(own);
    }

    /**
     * The service level of a unit: the deployment's, under the own levels of the unit's province and of anything
     * between, and under its own, the nearest winning limit by limit. Null or unknown: the deployment's.
     */
    DeadlineProperties.ServiceLevel serviceLevelOf(String unit) {
        DeadlineProperties.ServiceLevel level = properties.serviceLevel();
        if (unit == null || unitServiceLevels.isEmpty()) {
            return level;
        }
        List<String> chain = new ArrayList<>();
        chain.add(unit);
        units.ancestorsOf(unit).forEach(up -> chain.add(up.code()));
        // the province first, the unit itself last: each nearer unit's limits override the farther one's
        for (String code : chain.reversed()) {
            DeadlineProperties.UnitServiceLevel own = unitServiceLevels.get(code);
            if (own != null) {
                level = level.under(own);
            }
        }
        return level;
    }

    /**
     * By when the item must be accepted (thụ lý) or refused: complaints 10 working days (Luật Khiếu
     * nại 2011, Art. 27 and 36), denunciations 7 working days, 10 when complex (Luật Tố cáo 2018,
     * Art. 24), every other kind the responsible unit's service level; null for a kind nobody owes an answer (a consultation
     * comment, a model assessment: they are read and counted, not answered).
     */
    public Instant acceptBy(DeadlineCase c, Instant receivedAt) {
        if (!answerOwed(c.kind())) {
            return null;
        }
        TimeLimit limit =
                switch (c.kind()) {
                    case COMPLAINT -> properties.complaint().accept();
                    case DENUNCIATION ->
                        c.complexity() == Complexity.NORMAL
                                ? properties.denunciation().accept()
                                : properties.denunciation().acceptComplex();
                    default ->
                        c.emergency()
                                ? serviceLevelOf(c.unit()).emergencyAccept()
                                : serviceLevelOf(c.unit()).accept();
                };
        return endOf(limit.endFrom(localDate(receivedAt), calendar));
    }

    /**
     * By when the accepted item must be resolved: complaints by round, complexity and remoteness
     * (Luật Khiếu nại 2011, Art. 28 and 37), denunciations 30 days (Luật Tố cáo 2018, Art. 30), every
     * other kind the unit's service level; null for a kind nobody owes an answer.
     *
     * @param from when the time limit starts: see {@link #resolutionStart}
     */
    public Instant resolveBy(DeadlineCase c, Instant from) {
        if (!answerOwed(c.kind())) {
            return null;
        }
        return endOf(resolutionLimit(c).endFrom(localDate(from), calendar));
    }

    /**
     * When the resolution time limit of an item accepted now starts. Complaints and denunciations: at acceptance (thụ
     * lý), as their laws count. Every other kind is answered within the unit's service level counted from when the
     * unit got the item (Đà Nẵng's "Góp ý": an answer within 3 working days of sending): accepting it does not start
     * a second period.
     *
     * @param arrivedAt when the responsible unit got the item (its receipt or its last transfer)
     */
    public Instant resolutionStart(FeedbackKind kind, Instant arrivedAt, Instant acceptedAt) {
        return countsFromArrival(kind) ? arrivedAt : acceptedAt;
    }

    /** Whether the kind's answer is due by a service level counted from the unit's receipt (not from acceptance). */
    public static boolean countsFromArrival(FeedbackKind kind) {
        return kind != FeedbackKind.COMPLAINT && kind != FeedbackKind.DENUNCIATION;
    }

    /** Whether the kind is answered within the unit's service level (which alone knows an emergency level). */
    public static boolean answeredByServiceLevel(FeedbackKind kind) {
        return answerOwed(kind) && countsFromArrival(kind);
    }

    /** Whether the unit owes the citizen an answer within a time limit. */
    static boolean answerOwed(FeedbackKind kind) {
        return kind != FeedbackKind.CONSULTATION_COMMENT && kind != FeedbackKind.MODEL_ASSESSMENT;
    }

    private TimeLimit resolutionLimit(DeadlineCase c) {
        return switch (c.kind()) {
            case COMPLAINT -> {
                DeadlineProperties.Resolution round = c.secondTime()
                        ? properties.complaint().secondTime()
                        : properties.complaint().firstTime();
                boolean complex = c.complexity() != Complexity.NORMAL;
                if (c.remoteArea()) {
                    yield complex ? round.remoteComplex() : round.remote();
                }
                yield complex ? round.complex() : round.normal();
            }
            case DENUNCIATION -> properties.denunciation().resolve();
            default ->
                c.emergency()
                        ? serviceLevelOf(c.unit()).emergencyResolve()
                        : serviceLevelOf(c.unit()).resolve();
        };
    }

    /**
     * The resolution deadline after one more extension decision (gia hạn): a complex denunciation may
     * be extended once, a very complex one twice, each time by at most 30 days, 90 days in all (Luật
     * Tố cáo 2018, Art. 30(1)). Extension {@code k} ends {@code 30 + 30k} days after acceptance, so
     * a previous deadline moved off a holiday never pushes the total past 90 days; the configuration
     * is checked to stay within {@code max-total-days}. A complaint found complex (vụ việc phức tạp)
     * gets, once, the longer limit Luật Khiếu nại 2011 gives complex cases of its round and area (Art.
     * 28, 37: 45 days instead of 30, 60 instead of 45, ...), counted from acceptance too; the law knows
     * no "very complex" complaint, so that decision gives the same. Kinds answered by service level
     * cannot be extended.
     *
     * @param acceptedAt when the running resolution round began: the acceptance, or the item's last reopening
     * @param extensionsSoFar extension decisions already recorded for the item
     * @throws RuleViolationException {@link #NOT_EXTENDABLE}, {@link #EXTENSION_NEEDS_COMPLEXITY}, or
     *     {@link #EXTENSIONS_EXHAUSTED} with the number of extensions allowed as argument
     */
    public Instant extend(DeadlineCase c, Instant acceptedAt, int extensionsSoFar) {
        if (extensionsSoFar < 0) {
            throw new IllegalArgumentException("extensionsSoFar must not be negative: " + extensionsSoFar);
        }
        if (c.kind() == FeedbackKind.COMPLAINT) {
            if (c.complexity() == Complexity.NORMAL) {
                throw new RuleViolationException(EXTENSION_NEEDS_COMPLEXITY);
            }
            if (extensionsSoFar >= 1) {
                throw new RuleViolationException(EXTENSIONS_EXHAUSTED, 1);
            }
            return resolveBy(c, acceptedAt);
        }
        if (c.kind() != FeedbackKind.DENUNCIATION) {
            throw new RuleViolationException(NOT_EXTENDABLE);
        }
        DeadlineProperties.Denunciation rules = properties.denunciation();
        int allowed =
                switch (c.complexity()) {
                    case NORMAL -> 0;
                    case COMPLEX -> rules.maxExtensionsComplex();
                    case VERY_COMPLEX -> rules.maxExtensionsVeryComplex();
                };
        if (allowed == 0) {
            throw new RuleViolationException(EXTENSION_NEEDS_COMPLEXITY);
        }
        if (extensionsSoFar >= allowed) {
            throw new RuleViolationException(EXTENSIONS_EXHAUSTED, allowed);
        }
        TimeLimit extended = new TimeLimit(
                rules.resolve().amount()
                        + (extensionsSoFar + 1) * rules.extension().amount(),
                rules.resolve().unit());
        return endOf(extended.endFrom(localDate(acceptedAt), calendar));
    }

    /**
     * The last day on which a complaint about a decision received (or an act known of) on {@code knownOn} is filed
     * within the limit of Luật Khiếu nại 2011, Art. 9: 90 days by default, counted as every calendar-day period here
     * (from the next day; a last day on a weekend or holiday gives way to the next working day). Only shown: the law
     * extends the limit by the time an illness, a disaster, travel far away or another objective obstacle took, which
     * is the officer's to weigh.
     */
    public LocalDate filingLimitUntil(LocalDate knownOn) {
        return properties.complaint().filing().endFrom(knownOn, calendar);
    }

    /**
     * When an item with this deadline becomes due soon: the configured lead before it (1 working day
     * by default, i.e. the end of the previous working day), at the same time of day.
     */
    public Instant dueSoonAt(Instant deadline) {
        return endOf(properties.dueSoonLead().before(localDate(deadline), calendar));
    }

    /**
     * Whether the unit lies in a configured remote area: the unit itself or one of the units above it
     * (its province) is listed in {@code danvan.feedback.deadlines.remote-units}.
     */
    public boolean isRemote(String communeCode) {
        if (communeCode == null) {
            return false;
        }
        if (properties.remoteUnits().contains(communeCode)) {
            return true;
        }
        return units.ancestorsOf(communeCode).stream()
                .anyMatch(up -> properties.remoteUnits().contains(up.code()));
    }

    private static LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, WorkingCalendar.ZONE);
    }

    private Instant endOf(LocalDate day) {
        return day.atTime(properties.endOfDay()).atZone(WorkingCalendar.ZONE).toInstant();
    }
}
