package vn.danvan.statistics.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;

/**
 * What the public sees of the kinds: denunciations counted together with complaints, under one key. A commune's
 * count of denunciations, changing within seconds of a new one, could point to the denouncer (who was seen at the
 * commune office that day), whose identity the law protects (Luật Tố cáo 2018, Art. 9); "đơn khiếu nại, tố cáo" are
 * reported together anyway. Staff (every role but the citizen's) see every kind on its own.
 */
final class PublicKinds {

    /** The key of the combined row (and of a series' combined slice) the public sees. */
    static final String COMBINED = "COMPLAINT_DENUNCIATION";

    /** The kinds counted under {@link #COMBINED} for the public, in the contract's order. */
    static final List<String> MERGED = List.of("COMPLAINT", "DENUNCIATION");

    private PublicKinds() {}

    /** Whether the caller sees every kind on its own: anyone holding a role other than the citizen's. */
    static boolean seesEveryKind(java.util.Optional<Officer> caller) {
        return caller.map(Officer::roles).orElse(Set.of()).stream().anyMatch(role -> role != Role.CITIZEN);
    }

    /**
     * The keys to show, in the order of {@code kinds}, each with the kinds counted under it: each kind on its own
     * for staff; for the public, complaints and denunciations under {@link #COMBINED} where the first of them was.
     */
    static Map<String, List<String>> shown(Collection<String> kinds, boolean everyKind) {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (String kind : kinds) {
            if (!everyKind && MERGED.contains(kind)) {
                shown.computeIfAbsent(COMBINED, k -> new ArrayList<>()).add(kind);
            } else {
                shown.computeIfAbsent(kind, k -> new ArrayList<>()).add(kind);
            }
        }
        return shown;
    }
}
