package vn.danvan.kit.units;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The national reference data, read from the TSV files that {@code infra/reference/build-units.py}
 * writes to {@code danvan/units/} (see NOTICE.md there).
 */
record ReferenceData(
        List<AdministrativeUnit> provinces, List<AdministrativeUnit> communes, List<OldCommune> oldCommunes) {

    private static final String DIR = "danvan/units/";

    static ReferenceData read() {
        Map<String, String> provinceCodes = new HashMap<>();
        List<AdministrativeUnit> provinces = new ArrayList<>(40);
        lines("provinces.tsv", 3, f -> {
            provinceCodes.put(f[0], f[0]);
            provinces.add(new AdministrativeUnit(f[0], f[1], UnitType.PROVINCE, null));
        });

        Map<String, String> communeCodes = new HashMap<>(4096);
        List<AdministrativeUnit> communes = new ArrayList<>(3400);
        // old code -> successors, built from the merge lists of the new communes
        Map<String, List<Successor>> successors = new HashMap<>(16384);
        lines("communes.tsv", 4, f -> {
            String province = provinceCode(provinceCodes, f[1], f[0]);
            String code = f[0];
            if (communeCodes.putIfAbsent(code, code) != null) {
                throw corrupt("communes.tsv", "duplicate commune " + code);
            }
            communes.add(new AdministrativeUnit(code, f[2], UnitType.COMMUNE, province));
            // one instance per new commune and merge type, shared by the old communes merged into it
            Successor full = new Successor(code, MergeType.FULL);
            Successor part = new Successor(code, MergeType.PARTIAL);
            for (String merged : f[3].split(",")) {
                boolean partial = merged.endsWith("*");
                String old = partial ? merged.substring(0, merged.length() - 1) : merged;
                successors.computeIfAbsent(old, k -> new ArrayList<>(1)).add(partial ? part : full);
            }
        });

        Map<String, String[]> oldProvinces = new HashMap<>(96);
        lines("old-provinces.tsv", 2, f -> oldProvinces.put(f[0], f));

        List<OldCommune> oldCommunes = new ArrayList<>(10100);
        lines("old-communes.tsv", 3, f -> {
            String[] province = oldProvinces.get(f[1]);
            List<Successor> next = successors.remove(f[0]);
            if (province == null || next == null) {
                throw corrupt("old-communes.tsv", "old commune " + f[0] + " without old province or successor");
            }
            // most old codes are also new codes: share the string
            String code = communeCodes.getOrDefault(f[0], f[0]);
            oldCommunes.add(new OldCommune(code, f[2], province[0], province[1], List.copyOf(next)));
        });
        if (!successors.isEmpty()) {
            throw corrupt("communes.tsv", "merged old communes missing from old-communes.tsv: " + successors.keySet());
        }
        return new ReferenceData(List.copyOf(provinces), List.copyOf(communes), List.copyOf(oldCommunes));
    }

    private static String provinceCode(Map<String, String> codes, String code, String row) {
        String known = codes.get(code);
        if (known == null) {
            throw corrupt("communes.tsv", "unknown province " + code + " in row " + row);
        }
        return known;
    }

    private static void lines(String file, int fields, Consumer<String[]> row) {
        InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IllegalStateException(
                    "Thiếu dữ liệu đơn vị hành chính / administrative units resource missing: " + DIR + file);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != fields) {
                    throw corrupt(file, "expected " + fields + " fields: " + line);
                }
                row.accept(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(DIR + file, e);
        }
    }

    private static IllegalStateException corrupt(String file, String detail) {
        return new IllegalStateException("Dữ liệu đơn vị hành chính hỏng / administrative units resource corrupt: "
                + DIR + file + ": " + detail);
    }
}
