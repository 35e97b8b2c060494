package vn.danvan.statistics.projection;

import java.util.Set;

/** Told after the live projector changed counter documents (ids {@code <unit>|<period>} or {@code <unit>|now}). */
public interface FiguresChangedListener {

    void changed(Set<String> counterIds);
}
