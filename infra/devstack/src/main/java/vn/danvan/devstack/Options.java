package vn.danvan.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the form {@code --name value}; the two mains take a handful, so no library. */
final class Options {

    private final Map<String, List<String>> values;

    private Options(Map<String, List<String>> values) {
        this.values = values;
    }

    static Options parse(String... args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "Tham số không hợp lệ / invalid argument '" + name + "': expected --name value pairs");
            }
            values.computeIfAbsent(name.substring(2), key -> new ArrayList<>()).add(args[i + 1]);
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        List<String> given = values.get(name);
        return given == null ? fallback : given.getLast();
    }

    int getInt(String name, int fallback) {
        String given = get(name, null);
        return given == null ? fallback : Integer.parseInt(given);
    }

    /** Every value given for a repeatable option, in order; empty when the option is absent. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
