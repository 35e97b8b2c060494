package vn.danvan.statistics.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.danvan.kit.units.AdministrativeUnits;

class StatisticsUnitsTest {

    private static final StatisticsUnits UNITS = new StatisticsUnits(AdministrativeUnits.load());

    /** The last day before the 2025 reorganisation and the first day after it. */
    private static final LocalDate BEFORE = LocalDate.of(2025, 6, 30);

    private static final LocalDate AFTER = LocalDate.of(2025, 7, 1);

    @Test
    void aCurrentUnitCountsForItselfAndRollsUpToItsProvince() {
        assertThat(UNITS.attribute("20209", AFTER)).contains("20209");
        assertThat(UNITS.chain("20209")).containsExactly("20209", "48");
        assertThat(UNITS.chain("48")).containsExactly("48");
    }

    @Test
    void anOldCommuneMergedWholeCountsForItsSuccessor() {
        assertThat(UNITS.tree().exists("20195")).isFalse();
        assertThat(UNITS.attribute("20195", BEFORE)).contains("20194");
        // history imported after the reorganisation still names the old code: no current unit has it
        assertThat(UNITS.attribute("20195", AFTER)).contains("20194");
    }

    @Test
    void aSplitCommuneCountsForTheSuccessorTheEventNamesElseForTheProvincesBucket() {
        assertThat(UNITS.attribute("20296", BEFORE, "20197")).contains("20197");
        assertThat(UNITS.attribute("20296", BEFORE, "20209")).contains("48:UNATTRIBUTED"); // not one of its successors
        assertThat(UNITS.attribute("20296", BEFORE)).contains("48:UNATTRIBUTED");
        assertThat(UNITS.chain("48:UNATTRIBUTED")).containsExactly("48:UNATTRIBUTED", "48");
        assertThat(UNITS.isWithin("48:UNATTRIBUTED", "48")).isTrue();
        assertThat(UNITS.find("48:UNATTRIBUTED"))
                .get()
                .extracting(StatisticsUnits.UnitView::name)
                .isEqualTo("Chưa phân bổ (xã bị chia tách)");
    }

    @Test
    void anOldCodeThatIsNowAnotherCommunesCountsForTheOldCommunesSuccessorBeforeJuly2025() {
        // old 23710 "Xã A Dơk" went into 23869 "Xã Ia Dơk"; today's 23710 is "Xã Ia Băng"
        assertThat(UNITS.tree().find("23710")).get().extracting(u -> u.name()).isEqualTo("Xã Ia Băng");
        assertThat(UNITS.attribute("23710", BEFORE)).contains("23869");
        assertThat(UNITS.attribute("23710", AFTER)).contains("23710");
        // old 23737 "Xã Ia Mơ Nông" went into 23734 "Xã Ia Ly"; today's 23737 is "Xã Ia Mơ"
        assertThat(UNITS.tree().find("23737")).get().extracting(u -> u.name()).isEqualTo("Xã Ia Mơ");
        assertThat(UNITS.attribute("23737", BEFORE)).contains("23734");
        assertThat(UNITS.attribute("23737", AFTER)).contains("23737");
        // a unit that never was an old commune counts for itself whatever the date
        assertThat(UNITS.attribute("52", BEFORE)).contains("52");
        // an event without a date counts as current
        assertThat(UNITS.attribute("23710", null)).contains("23710");
    }

    @Test
    void aSplitCommuneWhoseCodeSurvivedIsTheSplitCommuneBeforeJuly2025AndTheNewCommuneAfter() {
        // old 21997 "Xã Canh Liên" was split between today's 21997 "Xã Canh Liên" and 22006 "Xã Canh Vinh"
        assertThat(UNITS.attribute("21997", BEFORE, "22006")).contains("22006");
        assertThat(UNITS.attribute("21997", BEFORE, "21997")).contains("21997");
        assertThat(UNITS.attribute("21997", BEFORE)).contains("52:UNATTRIBUTED");
        assertThat(UNITS.attribute("21997", AFTER)).contains("21997");
        assertThat(UNITS.attribute("21997", AFTER, "22006")).contains("21997");
    }

    @Test
    void anUnknownCodeIsNotCounted() {
        assertThat(UNITS.attribute("99999", BEFORE)).isEmpty();
        assertThat(UNITS.attribute(null, AFTER)).isEmpty();
        assertThat(UNITS.find("99:UNATTRIBUTED")).isEmpty();
    }

    @Test
    void aProvincesSubtreeHoldsItsCommunesAndItsBucket() {
        assertThat(UNITS.subtree("48")).hasSize(1 + 94 + 1).contains("20209", "48:UNATTRIBUTED");
        assertThat(UNITS.subtree("20209")).containsExactly("20209");
    }
}
