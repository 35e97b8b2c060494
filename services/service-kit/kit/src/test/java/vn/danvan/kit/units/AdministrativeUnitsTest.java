package vn.danvan.kit.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdministrativeUnitsTest {

    private static final AdministrativeUnits UNITS = AdministrativeUnits.load();

    private static final String HUE = "46";
    private static final String PHU_XUAN = "19753";

    @Test
    void loadsThe34ProvincesAndTheir3321Communes() {
        assertThat(UNITS.provinces()).hasSize(34).allSatisfy(p -> {
            assertThat(p.type()).isEqualTo(UnitType.PROVINCE);
            assertThat(p.parentCode()).isNull();
        });
        assertThat(UNITS.provinces())
                .extracting(AdministrativeUnit::code)
                .isSorted()
                .doesNotHaveDuplicates();
        List<AdministrativeUnit> communes = UNITS.provinces().stream()
                .flatMap(p -> UNITS.childrenOf(p.code()).stream())
                .toList();
        assertThat(communes).hasSize(3321).allSatisfy(c -> assertThat(c.type()).isEqualTo(UnitType.COMMUNE));
        assertThat(communes).extracting(AdministrativeUnit::code).doesNotHaveDuplicates();
    }

    @Test
    void findsUnitsByCodeWithTheirPublishedNames() {
        assertThat(UNITS.find(HUE)).contains(new AdministrativeUnit(HUE, "Thành phố Huế", UnitType.PROVINCE, null));
        assertThat(UNITS.find(PHU_XUAN))
                .contains(new AdministrativeUnit(PHU_XUAN, "Phường Phú Xuân", UnitType.COMMUNE, HUE));
        assertThat(UNITS.exists(PHU_XUAN)).isTrue();
        assertThat(UNITS.exists("99999")).isFalse();
    }

    @Test
    void namesAreNfcWithoutSurroundingSpaces() {
        List<String> names = new ArrayList<>();
        for (AdministrativeUnit province : UNITS.provinces()) {
            names.add(province.name());
            for (AdministrativeUnit commune : UNITS.childrenOf(province.code())) {
                names.add(commune.name());
                UNITS.predecessorsOf(commune.code()).forEach(o -> names.addAll(List.of(o.name(), o.oldProvinceName())));
            }
        }
        assertThat(names).hasSizeGreaterThan(20_000).allSatisfy(name -> assertThat(name)
                .isEqualTo(Normalizer.normalize(name, Normalizer.Form.NFC))
                .isEqualTo(name.strip())
                .isNotEmpty());
    }

    @Test
    void aProvincesChildrenAreItsCommunes() {
        List<AdministrativeUnit> children = UNITS.childrenOf(HUE);
        assertThat(children).isNotEmpty().allSatisfy(c -> {
            assertThat(c.type()).isEqualTo(UnitType.COMMUNE);
            assertThat(c.parentCode()).isEqualTo(HUE);
        });
        assertThat(children)
                .extracting(AdministrativeUnit::code)
                .contains(PHU_XUAN)
                .isSorted();
        assertThat(UNITS.descendantsOf(HUE)).isEqualTo(children);
        assertThat(UNITS.childrenOf(PHU_XUAN)).isEmpty();
    }

    @Test
    void walksUpFromACommuneToItsProvince() {
        assertThat(UNITS.parentOf(PHU_XUAN)).map(AdministrativeUnit::code).contains(HUE);
        assertThat(UNITS.parentOf(HUE)).isEmpty();
        assertThat(UNITS.ancestorsOf(PHU_XUAN))
                .extracting(AdministrativeUnit::code)
                .containsExactly(HUE);
        assertThat(UNITS.ancestorsOf(HUE)).isEmpty();
        assertThat(UNITS.provinceOf(PHU_XUAN)).map(AdministrativeUnit::code).contains(HUE);
        assertThat(UNITS.provinceOf(HUE)).map(AdministrativeUnit::code).contains(HUE);
    }

    @Test
    void aProvinceCoversItsCommunesButNotOthers() {
        assertThat(UNITS.isWithin(PHU_XUAN, HUE)).isTrue();
        assertThat(UNITS.isWithin(PHU_XUAN, PHU_XUAN))
                .as("a unit is within itself")
                .isTrue();
        assertThat(UNITS.isWithin(HUE, HUE)).isTrue();
        assertThat(UNITS.isWithin(HUE, PHU_XUAN))
                .as("a commune does not cover its province")
                .isFalse();
        assertThat(UNITS.isWithin(PHU_XUAN, "01"))
                .as("Hà Nội does not cover a commune of Huế")
                .isFalse();
        assertThat(UNITS.isWithin("00004", "01")).isTrue();
    }

    @Test
    void unknownOrMissingCodesGiveEmptyAnswers() {
        for (String code : new String[] {null, "", "99999", "nope"}) {
            assertThat(UNITS.find(code)).isEmpty();
            assertThat(UNITS.exists(code)).isFalse();
            assertThat(UNITS.parentOf(code)).isEmpty();
            assertThat(UNITS.childrenOf(code)).isEmpty();
            assertThat(UNITS.descendantsOf(code)).isEmpty();
            assertThat(UNITS.ancestorsOf(code)).isEmpty();
            assertThat(UNITS.provinceOf(code)).isEmpty();
            assertThat(UNITS.isWithin(code, HUE)).isFalse();
            assertThat(UNITS.isWithin(PHU_XUAN, code)).isFalse();
            assertThat(UNITS.findOldCommune(code)).isEmpty();
            assertThat(UNITS.successorsOf(code)).isEmpty();
            assertThat(UNITS.predecessorsOf(code)).isEmpty();
        }
    }

    @Test
    void taLocOfHueWentWhollyIntoPhuXuan() {
        assertThat(UNITS.successorsOf("19750")).containsExactly(new Successor(PHU_XUAN, MergeType.FULL));
        OldCommune taLoc = UNITS.findOldCommune("19750").orElseThrow();
        assertThat(taLoc.name()).isEqualTo("Phường Tây Lộc");
        assertThat(taLoc.oldProvinceCode()).isEqualTo(HUE);
        assertThat(taLoc.oldProvinceName()).isEqualTo("Thành phố Huế");
        assertThat(taLoc.isSplit()).isFalse();
        assertThat(UNITS.predecessorsOf(PHU_XUAN))
                .extracting(OldCommune::code, OldCommune::name)
                .contains(tuple("19750", "Phường Tây Lộc"), tuple("19753", "Phường Thuận Lộc"));
    }

    @Test
    void aSplitOldCommuneReturnsEveryNewCommuneItWentTo() {
        // Phường Điện Biên (Ba Đình, Hà Nội) was divided between four new wards
        OldCommune dienBien = UNITS.findOldCommune("00019").orElseThrow();
        assertThat(dienBien.name()).isEqualTo("Phường Điện Biên");
        assertThat(dienBien.isSplit()).isTrue();
        assertThat(UNITS.successorsOf("00019"))
                .containsExactlyInAnyOrder(
                        new Successor("00004", MergeType.PARTIAL),
                        new Successor("00070", MergeType.PARTIAL),
                        new Successor("00190", MergeType.PARTIAL),
                        new Successor("00226", MergeType.PARTIAL));
        assertThat(UNITS.successorsOf("00019"))
                .extracting(s -> UNITS.find(s.communeCode()).orElseThrow().name())
                .containsExactlyInAnyOrder(
                        "Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Ô Chợ Dừa", "Phường Văn Miếu - Quốc Tử Giám");
    }

    @Test
    void everyOldCommuneLeadsToCurrentCommunesAndBack() {
        List<OldCommune> old = UNITS.provinces().stream()
                .flatMap(p -> UNITS.childrenOf(p.code()).stream())
                .flatMap(c -> UNITS.predecessorsOf(c.code()).stream())
                .distinct()
                .toList();
        assertThat(old).hasSizeGreaterThan(10_000);
        assertThat(old).allSatisfy(o -> {
            assertThat(o.successors()).isNotEmpty();
            // a split is always partial everywhere, so statistics can detect it from any successor
            assertThat(o.successors())
                    .allSatisfy(s -> assertThat(s.type() == MergeType.PARTIAL).isEqualTo(o.isSplit()));
            assertThat(o.successors()).allSatisfy(s -> {
                assertThat(UNITS.find(s.communeCode()))
                        .map(AdministrativeUnit::type)
                        .contains(UnitType.COMMUNE);
                assertThat(UNITS.predecessorsOf(s.communeCode())).contains(o);
            });
        });
    }

    @Test
    void oldCodesAndCurrentCodesAreSeparateCodeSpaces() {
        // 23710 is today Xã Ia Băng (Gia Lai); before 2025 it was Xã A Dơk, which went into Xã Ia Dơk
        assertThat(UNITS.find("23710")).map(AdministrativeUnit::name).contains("Xã Ia Băng");
        OldCommune aDok = UNITS.findOldCommune("23710").orElseThrow();
        assertThat(aDok.name()).isEqualTo("Xã A Dơk");
        assertThat(aDok.oldProvinceName()).isEqualTo("Tỉnh Gia Lai");
        assertThat(aDok.successors()).containsExactly(new Successor("23869", MergeType.FULL));
        assertThat(UNITS.find("23869")).map(AdministrativeUnit::name).contains("Xã Ia Dơk");
        // an old code that is no current code
        assertThat(UNITS.findOldCommune("00001")).map(OldCommune::name).contains("Phường Phúc Xá");
        assertThat(UNITS.find("00001")).isEmpty();
    }

    @Test
    void oldIslandDistrictsBecameSpecialZones() {
        assertThat(UNITS.findOldCommune("318")).map(OldCommune::name).contains("Huyện Bạch Long Vĩ");
        assertThat(UNITS.successorsOf("318")).containsExactly(new Successor("11948", MergeType.FULL));
        assertThat(UNITS.find("11948")).map(AdministrativeUnit::name).contains("Đặc khu Bạch Long Vĩ");
    }
}
