package vn.danvan.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Settings that must differ between apps sharing one machine or one network: two apps, one value is a clash. */
final class DistinctSettings {

    private DistinctSettings() {}

    /** For a setting given per app, one message per value that several apps (or none) declare. */
    static List<String> clashes(String setting, Map<String, String> valueByApp) {
        List<String> clashes = new ArrayList<>();
        Map<String, List<String>> appsByValue = new TreeMap<>();
        valueByApp.forEach((app, value) -> {
            if (value == null || value.isBlank()) {
                clashes.add(app + " declares no " + setting);
            } else {
                appsByValue.computeIfAbsent(value, v -> new ArrayList<>()).add(app);
            }
        });
        appsByValue.forEach((value, apps) -> {
            if (apps.size() > 1) {
                clashes.add(setting + " " + value + " is declared by " + apps);
            }
        });
        return clashes;
    }
}
