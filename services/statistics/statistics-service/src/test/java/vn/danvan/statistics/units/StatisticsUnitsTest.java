package vn.danvan.statistics.units;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.danvan.kit.units.AdministrativeUnits;

class StatisticsUnitsTest {

    private static final StatisticsUnits UNITS = new StatisticsUnits(AdministrativeUnits.load());

    @Test
    void aCurrentUnitCountsForItselfAndRollsUpToItsProvince() {
        assertThat(UNITS.attribute("20209")).contains("20209");
        assertThat(UNITS.chain("20209")).containsExactly("20209", "48");
        assertThat(UNITS.chain("48")).containsExactly("48");
    }

    @Test
    void anOldCommuneMergedWholeCountsForItsSuccessor() {
        assertThat(UNITS.tree().exists("20195")).isFalse();
        assertThat(UNITS.attribute("20195")).contains("20194");
    }

    @Test
    void aSplitCommuneCountsForTheSuccessorTheEventNamesElseForTheProvincesBucket() {
        assertThat(UNITS.attribute("20296", "20197")).contains("20197");
        assertThat(UNITS.attribute("20296", "20209")).contains("48:UNATTRIBUTED"); // not one of its successors
        assertThat(UNITS.attribute("20296")).contains("48:UNATTRIBUTED");
        assertThat(UNITS.chain("48:UNATTRIBUTED")).containsExactly("48:UNATTRIBUTED", "48");
        assertThat(UNITS.isWithin("48:UNATTRIBUTED", "48")).isTrue();
        assertThat(UNITS.find("48:UNATTRIBUTED"))
                .get()
                .extracting(StatisticsUnits.UnitView::name)
                .isEqualTo("Chưa phân bổ (xã bị chia tách)");
    }

    @Test
    void anUnknownCodeIsNotCounted() {
        assertThat(UNITS.attribute("99999")).isEmpty();
        assertThat(UNITS.attribute(null)).isEmpty();
        assertThat(UNITS.find("99:UNATTRIBUTED")).isEmpty();
    }

    @Test
    void aProvincesSubtreeHoldsItsCommunesAndItsBucket() {
        assertThat(UNITS.subtree("48")).hasSize(1 + 94 + 1).contains("20209", "48:UNATTRIBUTED");
        assertThat(UNITS.subtree("20209")).containsExactly("20209");
    }
}
