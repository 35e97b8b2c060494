package vn.danvan.feedback.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.danvan.feedback.api.events.v1.FeedbackKind.COMPLAINT;
import static vn.danvan.feedback.api.events.v1.FeedbackKind.CONSULTATION_COMMENT;
import static vn.danvan.feedback.api.events.v1.FeedbackKind.DENUNCIATION;
import static vn.danvan.feedback.api.events.v1.FeedbackKind.OPINION;
import static vn.danvan.feedback.api.events.v1.FeedbackKind.RECOMMENDATION;
import static vn.danvan.feedback.api.events.v1.FeedbackKind.REPORT;
import static vn.danvan.feedback.deadline.Complexity.COMPLEX;
import static vn.danvan.feedback.deadline.Complexity.NORMAL;
import static vn.danvan.feedback.deadline.Complexity.VERY_COMPLEX;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.kit.web.RuleViolationException;

class DeadlinePolicyTest {

    private final DeadlinePolicy policy = ShippedConfiguration.policy("12", "00008");

    /** Monday 2 March 2026, 09:00 in Việt Nam. */
    private static final Instant MONDAY = local("2026-03-02T09:00:00");

    @Test
    void complaintReceivedJustBeforeTetIsAcceptedTenWorkingDaysLaterPastTheBreak() {
        // Friday 6/2/2026; Tết break 14/2 - 22/2: 5 working days before it, 5 after it
        Instant receivedAt = local("2026-02-06T15:00:00");

        assertThat(policy.acceptBy(DeadlineCase.of(COMPLAINT), receivedAt)).isEqualTo(endOf("2026-02-27"));
    }

    @Test
    void deadlinesEndAtTheEndOfTheLocalDay() {
        // 01:30 on Tuesday 3/3 in Việt Nam is still Monday 2/3 in UTC: the local date counts
        Instant earlyTuesday = Instant.parse("2026-03-02T18:30:00Z");

        assertThat(policy.resolveBy(DeadlineCase.of(REPORT), earlyTuesday)).isEqualTo(endOf("2026-03-06"));
        assertThat(endOf("2026-03-06")).isEqualTo(Instant.parse("2026-03-06T16:59:59Z"));
    }

    @Test
    void firstTimeComplaintsByComplexityAndRemoteness() {
        assertThat(policy.resolveBy(complaint(NORMAL, false, false), MONDAY)).isEqualTo(endOf("2026-04-01"));
        assertThat(policy.resolveBy(complaint(COMPLEX, false, false), MONDAY)).isEqualTo(endOf("2026-04-16"));
        assertThat(policy.resolveBy(complaint(VERY_COMPLEX, false, false), MONDAY))
                .isEqualTo(endOf("2026-04-16"));
        assertThat(policy.resolveBy(complaint(NORMAL, true, false), MONDAY)).isEqualTo(endOf("2026-04-16"));
        // day 60 is Friday 1/5, a holiday, then the weekend: the period ends on Monday 4/5
        assertThat(policy.resolveBy(complaint(COMPLEX, true, false), MONDAY)).isEqualTo(endOf("2026-05-04"));
    }

    @Test
    void secondTimeComplaintsByComplexityAndRemoteness() {
        assertThat(policy.resolveBy(complaint(NORMAL, false, true), MONDAY)).isEqualTo(endOf("2026-04-16"));
        assertThat(policy.resolveBy(complaint(COMPLEX, false, true), MONDAY)).isEqualTo(endOf("2026-05-04"));
        assertThat(policy.resolveBy(complaint(NORMAL, true, true), MONDAY)).isEqualTo(endOf("2026-05-04"));
        assertThat(policy.resolveBy(complaint(COMPLEX, true, true), MONDAY)).isEqualTo(endOf("2026-05-11"));
        assertThat(policy.acceptBy(complaint(COMPLEX, true, true), MONDAY)).isEqualTo(endOf("2026-03-16"));
    }

    @Test
    void calendarDayLimitEndingOnAWeekendMovesToMonday() {
        // accepted Thursday 5/3: day 30 is Saturday 4/4
        assertThat(policy.resolveBy(DeadlineCase.of(COMPLAINT), local("2026-03-05T10:00:00")))
                .isEqualTo(endOf("2026-04-06"));
    }

    @Test
    void denunciationsAreAcceptedInSevenWorkingDaysTenWhenComplexAndResolvedInThirtyDays() {
        assertThat(policy.acceptBy(DeadlineCase.of(DENUNCIATION), MONDAY)).isEqualTo(endOf("2026-03-11"));
        assertThat(policy.acceptBy(denunciation(COMPLEX), MONDAY)).isEqualTo(endOf("2026-03-16"));
        assertThat(policy.acceptBy(denunciation(VERY_COMPLEX), MONDAY)).isEqualTo(endOf("2026-03-16"));
        assertThat(policy.resolveBy(denunciation(VERY_COMPLEX), MONDAY)).isEqualTo(endOf("2026-04-01"));
    }

    @Test
    void aComplexDenunciationIsExtendedOnceOnly() {
        DeadlineCase complex = denunciation(COMPLEX);

        // day 60 is Friday 1/5, a holiday
        assertThat(policy.extend(complex, MONDAY, 0)).isEqualTo(endOf("2026-05-04"));
        assertThatThrownBy(() -> policy.extend(complex, MONDAY, 1))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeadlinePolicy.EXTENSIONS_EXHAUSTED);
                    assertThat(e.arguments()).containsExactly(1);
                });
    }

    @Test
    void aVeryComplexDenunciationIsExtendedTwiceAndNeverBeyondNinetyDays() {
        DeadlineCase veryComplex = denunciation(VERY_COMPLEX);

        assertThat(policy.extend(veryComplex, MONDAY, 0)).isEqualTo(endOf("2026-05-04"));
        // day 90 after 2/3 is Sunday 31/5: Monday 1/6, even though the first extension was moved to 4/5
        assertThat(policy.extend(veryComplex, MONDAY, 1)).isEqualTo(endOf("2026-06-01"));
        assertThatThrownBy(() -> policy.extend(veryComplex, MONDAY, 2))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeadlinePolicy.EXTENSIONS_EXHAUSTED);
                    assertThat(e.arguments()).containsExactly(2);
                });
    }

    @Test
    void aComplaintFoundComplexGetsTheLongerLimitOfItsRoundAndAreaOnce() {
        // first time: 45 days instead of 30; remote: 60 instead of 45 (day 60 is Friday 1/5, a holiday)
        assertThat(policy.extend(complaint(COMPLEX, false, false), MONDAY, 0)).isEqualTo(endOf("2026-04-16"));
        assertThat(policy.extend(complaint(COMPLEX, true, false), MONDAY, 0)).isEqualTo(endOf("2026-05-04"));
        // second time: 60 instead of 45; the law has no "very complex" complaint: the same as complex
        assertThat(policy.extend(complaint(VERY_COMPLEX, false, true), MONDAY, 0))
                .isEqualTo(endOf("2026-05-04"));
        assertThatThrownBy(() -> policy.extend(complaint(COMPLEX, false, false), MONDAY, 1))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(DeadlinePolicy.EXTENSIONS_EXHAUSTED);
                    assertThat(e.arguments()).containsExactly(1);
                });
    }

    @Test
    void onlyComplexComplaintsAndDenunciationsCanBeExtended() {
        for (FeedbackKind kind : new FeedbackKind[] {COMPLAINT, DENUNCIATION}) {
            assertThatThrownBy(() -> policy.extend(DeadlineCase.of(kind), MONDAY, 0))
                    .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code())
                            .isEqualTo(DeadlinePolicy.EXTENSION_NEEDS_COMPLEXITY));
        }
        for (FeedbackKind kind : new FeedbackKind[] {RECOMMENDATION, REPORT, OPINION}) {
            assertThatThrownBy(() -> policy.extend(new DeadlineCase(kind, VERY_COMPLEX, true, true, false), MONDAY, 0))
                    .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code())
                            .isEqualTo(DeadlinePolicy.NOT_EXTENDABLE));
        }
    }

    @Test
    void recommendationsAndReportsFollowTheServiceLevelOfThreeWorkingDays() {
        Instant friday = local("2026-03-06T10:00:00");
        for (FeedbackKind kind : new FeedbackKind[] {RECOMMENDATION, REPORT, OPINION}) {
            assertThat(policy.acceptBy(DeadlineCase.of(kind), friday)).isEqualTo(endOf("2026-03-11"));
            assertThat(policy.resolveBy(DeadlineCase.of(kind), friday)).isEqualTo(endOf("2026-03-11"));
        }
    }

    @Test
    void aServiceLevelCountsFromWhenTheUnitGotTheItemTheLawsFromAcceptance() {
        Instant arrived = local("2026-03-06T10:00:00");
        Instant accepted = local("2026-03-10T15:00:00");

        // accepting a report on its third working day does not give it three more
        assertThat(policy.resolutionStart(REPORT, arrived, accepted)).isEqualTo(arrived);
        assertThat(policy.resolutionStart(RECOMMENDATION, arrived, accepted)).isEqualTo(arrived);
        assertThat(policy.resolveBy(DeadlineCase.of(REPORT), policy.resolutionStart(REPORT, arrived, accepted)))
                .isEqualTo(endOf("2026-03-11"));
        assertThat(policy.resolutionStart(COMPLAINT, arrived, accepted)).isEqualTo(accepted);
        assertThat(policy.resolutionStart(DENUNCIATION, arrived, accepted)).isEqualTo(accepted);
    }

    @Test
    void nobodyOwesAnAnswerToAConsultationCommentOrAModelAssessment() {
        for (FeedbackKind kind : new FeedbackKind[] {CONSULTATION_COMMENT, FeedbackKind.MODEL_ASSESSMENT}) {
            assertThat(policy.acceptBy(DeadlineCase.of(kind), MONDAY))
                    .as(kind.name())
                    .isNull();
            assertThat(policy.resolveBy(DeadlineCase.of(kind), MONDAY))
                    .as(kind.name())
                    .isNull();
        }
    }

    @Test
    void anEmergencyReportIsDueInOneWorkingDay() {
        DeadlineCase emergency = new DeadlineCase(REPORT, NORMAL, false, false, true);

        assertThat(policy.acceptBy(emergency, local("2026-03-06T10:00:00"))).isEqualTo(endOf("2026-03-09"));
        assertThat(policy.resolveBy(emergency, local("2026-03-06T10:00:00"))).isEqualTo(endOf("2026-03-09"));
        // sent on the last day before Tết: due on the first day after it
        assertThat(policy.resolveBy(emergency, local("2026-02-13T16:00:00"))).isEqualTo(endOf("2026-02-23"));
    }

    @Test
    void aUnitsOwnServiceLevelAppliesToItAndAProvincesToTheUnitsWithinUnlessTheyHaveTheirOwn() {
        String daNang = "48";
        String ward = "20194"; // a ward of Đà Nẵng with its own acceptance limit
        String otherWard = "20197";
        DeadlinePolicy levels = ShippedConfiguration.policyWithServiceLevels(
                new DeadlineProperties.UnitServiceLevel(
                        daNang, TimeLimit.workingDays(5), TimeLimit.workingDays(5), TimeLimit.workingDays(2), null),
                new DeadlineProperties.UnitServiceLevel(ward, TimeLimit.workingDays(2), null, null, null));

        // a ward without its own: the province's 5 working days, its emergency acceptance 2, its emergency
        // resolution the deployment's 1 (the province left it out)
        assertThat(levels.acceptBy(report(otherWard, false), MONDAY)).isEqualTo(endOf("2026-03-09"));
        assertThat(levels.resolveBy(report(otherWard, false), MONDAY)).isEqualTo(endOf("2026-03-09"));
        assertThat(levels.acceptBy(report(otherWard, true), MONDAY)).isEqualTo(endOf("2026-03-04"));
        assertThat(levels.resolveBy(report(otherWard, true), MONDAY)).isEqualTo(endOf("2026-03-03"));
        assertThat(levels.acceptBy(report(daNang, false), MONDAY)).isEqualTo(endOf("2026-03-09"));
        // the ward's own acceptance, the province's resolution
        assertThat(levels.acceptBy(report(ward, false), MONDAY)).isEqualTo(endOf("2026-03-04"));
        assertThat(levels.resolveBy(report(ward, false), MONDAY)).isEqualTo(endOf("2026-03-09"));
        // elsewhere, or with no unit: the deployment's 3 working days
        assertThat(levels.acceptBy(report("19753", false), MONDAY)).isEqualTo(endOf("2026-03-05"));
        assertThat(levels.acceptBy(DeadlineCase.of(REPORT), MONDAY)).isEqualTo(endOf("2026-03-05"));
        // the laws' limits are no unit's to change
        assertThat(levels.acceptBy(new DeadlineCase(COMPLAINT, NORMAL, false, false, false, ward), MONDAY))
                .isEqualTo(endOf("2026-03-16"));
    }

    @Test
    void refusesAServiceLevelOfAnUnknownUnitOrOfOneListedTwice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShippedConfiguration.policyWithServiceLevels(
                        new DeadlineProperties.UnitServiceLevel("99", TimeLimit.workingDays(5), null, null, null)))
                .withMessageContaining("unknown unit code 99");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShippedConfiguration.policyWithServiceLevels(
                        new DeadlineProperties.UnitServiceLevel("48", TimeLimit.workingDays(5), null, null, null),
                        new DeadlineProperties.UnitServiceLevel("48", TimeLimit.workingDays(4), null, null, null)))
                .withMessageContaining("unit 48 listed twice");
    }

    private static DeadlineCase report(String unit, boolean emergency) {
        return new DeadlineCase(REPORT, NORMAL, false, false, emergency, unit);
    }

    @Test
    void dueSoonOneWorkingDayBeforeTheDeadline() {
        assertThat(policy.dueSoonAt(endOf("2026-03-11"))).isEqualTo(endOf("2026-03-10"));
        assertThat(policy.dueSoonAt(endOf("2026-03-09"))).isEqualTo(endOf("2026-03-06"));
        assertThat(policy.dueSoonAt(endOf("2026-02-23"))).isEqualTo(endOf("2026-02-13"));
    }

    @Test
    void remoteAreasAreListedCommunesAndEveryCommuneOfAListedProvince() {
        assertThat(policy.isRemote("12")).isTrue(); // Lai Châu
        assertThat(policy.isRemote("03388")).isTrue(); // a ward of Lai Châu
        assertThat(policy.isRemote("00008")).isTrue(); // listed by itself
        assertThat(policy.isRemote("00004")).isFalse(); // its neighbour in Hà Nội
        assertThat(policy.isRemote("01")).isFalse();
        assertThat(policy.isRemote("99999")).isFalse();
        assertThat(policy.isRemote(null)).isFalse();
    }

    @Test
    void refusesUnknownRemoteUnitsAndExtensionsBeyondNinetyDays() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShippedConfiguration.policy("12", "9999"))
                .withMessageContaining("[9999]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DeadlineProperties.Denunciation(null, null, null, null, 1, 3, 90))
                .withMessageContaining("exceed 90 days");
    }

    @Test
    void theShippedLimitsAreTheLegalDefaults() {
        assertThat(ShippedConfiguration.deadlines())
                .usingRecursiveComparison()
                .ignoringFields("remoteUnits")
                .isEqualTo(DeadlineProperties.defaults());
        assertThat(ShippedConfiguration.deadlines().remoteUnits()).isEqualTo(Set.of());
    }

    private static DeadlineCase complaint(Complexity complexity, boolean remote, boolean secondTime) {
        return new DeadlineCase(COMPLAINT, complexity, remote, secondTime, false);
    }

    private static DeadlineCase denunciation(Complexity complexity) {
        return new DeadlineCase(DENUNCIATION, complexity, false, false, false);
    }

    @Test
    void aComplaintsFilingLimitIsNinetyCalendarDaysFromTheDayTheDecisionWasKnown() {
        // Luật Khiếu nại 2011, Art. 9: day 1 is the next day, day 90 the last
        assertThat(policy.filingLimitUntil(LocalDate.of(2025, 12, 4))).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(policy.filingLimitUntil(LocalDate.of(2025, 12, 3))).isEqualTo(LocalDate.of(2026, 3, 3));
        // day 90 is Sunday 1/3/2026: the period ends on the next working day (Bộ luật Dân sự 2015, Art. 148(5))
        assertThat(policy.filingLimitUntil(LocalDate.of(2025, 12, 1))).isEqualTo(LocalDate.of(2026, 3, 2));
        // day 90 is Tết (Tuesday 17/2/2026): the period runs past the break to Monday 23/2
        assertThat(policy.filingLimitUntil(LocalDate.of(2025, 11, 19))).isEqualTo(LocalDate.of(2026, 2, 23));
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    private static Instant endOf(String date) {
        return local(date + "T23:59:59");
    }
}
