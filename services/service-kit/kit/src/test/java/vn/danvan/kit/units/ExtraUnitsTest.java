package vn.danvan.kit.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraUnitsTest {

    private static final String HUE = "46";
    private static final String PHU_XUAN = "19753";
    private static final String KIM_LONG = "19774";

    @Test
    void agenciesAndOrganisationsHangUnderTheirParentsInAnyOrder() {
        AdministrativeUnits units = AdministrativeUnits.load(List.of(
                // defined before its parent agency: order in the configuration does not matter
                new ExtraUnit("BDV-46-VP", "Văn phòng Ban Dân vận", UnitType.AGENCY, "BDV-46", List.of()),
                new ExtraUnit("BDV-46", "Ban Dân vận Thành ủy Huế", UnitType.AGENCY, HUE, List.of()),
                new ExtraUnit(
                        "MTTQ-19753", "Ủy ban MTTQ phường Phú Xuân", UnitType.ORGANISATION, PHU_XUAN, List.of())));

        assertThat(units.find("BDV-46"))
                .contains(new AdministrativeUnit("BDV-46", "Ban Dân vận Thành ủy Huế", UnitType.AGENCY, HUE));
        assertThat(units.childrenOf(HUE))
                .last()
                .extracting(AdministrativeUnit::code)
                .isEqualTo("BDV-46");
        assertThat(units.childrenOf("BDV-46"))
                .extracting(AdministrativeUnit::code)
                .containsExactly("BDV-46-VP");
        assertThat(units.ancestorsOf("BDV-46-VP"))
                .extracting(AdministrativeUnit::code)
                .containsExactly("BDV-46", HUE);
        assertThat(units.provinceOf("MTTQ-19753")).map(AdministrativeUnit::code).contains(HUE);
        assertThat(units.isWithin("MTTQ-19753", PHU_XUAN)).isTrue();
        assertThat(units.isWithin("MTTQ-19753", HUE)).isTrue();
        assertThat(units.isWithin("BDV-46-VP", PHU_XUAN)).isFalse();
        assertThat(units.childrenOf(PHU_XUAN))
                .extracting(AdministrativeUnit::type)
                .containsExactly(UnitType.ORGANISATION);
        assertThat(units.provinces()).hasSize(34);
    }

    @Test
    void aDistrictTakesTheCommunesItListsAndTheProvinceStillCoversThem() {
        AdministrativeUnits units = AdministrativeUnits.load(List.of(
                new ExtraUnit("H-474", "Quận Phú Xuân (cũ)", UnitType.DISTRICT, HUE, List.of(PHU_XUAN, KIM_LONG))));

        assertThat(units.parentOf(PHU_XUAN)).map(AdministrativeUnit::code).contains("H-474");
        assertThat(units.ancestorsOf(PHU_XUAN))
                .extracting(AdministrativeUnit::code)
                .containsExactly("H-474", HUE);
        assertThat(units.childrenOf("H-474"))
                .extracting(AdministrativeUnit::code)
                .containsExactly(PHU_XUAN, KIM_LONG);
        assertThat(units.isWithin(PHU_XUAN, HUE)).isTrue();
        assertThat(units.isWithin(PHU_XUAN, "H-474")).isTrue();
        assertThat(units.provinceOf(KIM_LONG)).map(AdministrativeUnit::code).contains(HUE);

        List<AdministrativeUnit> hue = units.childrenOf(HUE);
        assertThat(hue.getFirst().code()).as("districts come first").isEqualTo("H-474");
        assertThat(hue).extracting(AdministrativeUnit::code).doesNotContain(PHU_XUAN, KIM_LONG);
        assertThat(units.descendantsOf(HUE))
                .extracting(AdministrativeUnit::code)
                .contains(PHU_XUAN, KIM_LONG)
                .hasSize(AdministrativeUnits.load().childrenOf(HUE).size() + 1);
    }

    @Test
    void unknownParentIsRejectedWithThePropertyThatCausedIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AdministrativeUnits.load(
                        List.of(new ExtraUnit("BDV-99", "Ban Dân vận", UnitType.AGENCY, "99", List.of()))))
                .withMessageContaining(
                        "danvan.units.extra[0] (BDV-99): " + "đơn vị cha '99' không tồn tại / unknown parent '99'");
    }

    @Test
    void codesMustNotClashWithReferenceOldOrOtherExtraUnits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AdministrativeUnits.load(List.of(
                        new ExtraUnit(PHU_XUAN, "Ban Dân vận", UnitType.AGENCY, HUE, List.of()),
                        new ExtraUnit("00001", "Hội Nông dân", UnitType.ORGANISATION, HUE, List.of()),
                        new ExtraUnit("BDV", "Ban Dân vận", UnitType.AGENCY, HUE, List.of()),
                        new ExtraUnit("BDV", "Ban Dân vận 2", UnitType.AGENCY, HUE, List.of()),
                        new ExtraUnit("có dấu", "Ban", UnitType.AGENCY, HUE, List.of()))))
                .withMessageContaining("extra[0] (19753): mã trùng với 19753 Phường Phú Xuân")
                .withMessageContaining("extra[1] (00001): mã trùng với mã xã cũ 00001")
                .withMessageContaining("extra[3] (BDV): mã đã được khai báo / code defined twice")
                .withMessageContaining("extra[4] (có dấu): mã không hợp lệ")
                .withMessageNotContaining("extra[2]");
    }

    @Test
    void onlyAgenciesOrganisationsAndDistrictsCanBeAdded() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AdministrativeUnits.load(List.of(
                        new ExtraUnit("X-1", "Xã mới", UnitType.COMMUNE, HUE, List.of()),
                        new ExtraUnit("X-2", " ", null, HUE, List.of()))))
                .withMessageContaining("extra[0] (X-1): loại COMMUNE không khai báo thêm được")
                .withMessageContaining("only AGENCY, ORGANISATION or DISTRICT")
                .withMessageContaining("extra[1] (X-2): thiếu tên / missing name")
                .withMessageContaining("extra[1] (X-2): thiếu loại / missing type");
    }

    @Test
    void districtsMustFitTheProvinceTheyBelongTo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AdministrativeUnits.load(List.of(
                        new ExtraUnit("H-1", "Huyện dưới xã", UnitType.DISTRICT, PHU_XUAN, List.of()),
                        new ExtraUnit("H-2", "Huyện A", UnitType.DISTRICT, HUE, List.of(PHU_XUAN, "00004", "77777")),
                        new ExtraUnit("H-3", "Huyện B", UnitType.DISTRICT, HUE, List.of(PHU_XUAN)),
                        new ExtraUnit("CQ-1", "Cơ quan", UnitType.AGENCY, HUE, List.of(KIM_LONG)))))
                .withMessageContaining("extra[0] (H-1): huyện phải trực thuộc một tỉnh")
                .withMessageContaining("extra[1] (H-2): 00004 Phường Ba Đình không thuộc tỉnh 46")
                .withMessageContaining("extra[1] (H-2): xã '77777' không tồn tại / unknown commune '77777'")
                .withMessageContaining("extra[2] (H-3): 19753 Phường Phú Xuân đã thuộc huyện H-2")
                .withMessageContaining("extra[3] (CQ-1): chỉ huyện mới liệt kê xã / only a DISTRICT lists communes");
    }

    @Test
    void parentsThatNeverReachAProvinceAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AdministrativeUnits.load(List.of(
                        new ExtraUnit("A", "Cơ quan A", UnitType.AGENCY, "B", List.of()),
                        new ExtraUnit("B", "Cơ quan B", UnitType.AGENCY, "A", List.of()))))
                .withMessageContaining("extra[0] (A): đơn vị cha lặp vòng")
                .withMessageContaining("extra[1] (B): đơn vị cha lặp vòng");
    }
}
