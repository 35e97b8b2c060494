package vn.danvan.feedback.deadline;

import java.util.Objects;
import vn.danvan.feedback.api.events.v1.FeedbackKind;

/**
 * What the time limits of a feedback item depend on.
 *
 * @param remoteArea the item is handled in a remote area with difficult travel (vùng sâu, vùng xa):
 *     see {@link DeadlinePolicy#isRemote(String)}
 * @param secondTime a second-time complaint (khiếu nại lần hai)
 * @param emergency an urgent recommendation or report (the unit's emergency service level)
 * @param unit the responsible unit, whose own service level applies (see {@link DeadlinePolicy}); null: the
 *     deployment's
 */
public record DeadlineCase(
        FeedbackKind kind,
        Complexity complexity,
        boolean remoteArea,
        boolean secondTime,
        boolean emergency,
        String unit) {

    public DeadlineCase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(complexity, "complexity");
    }

    /** A case under the deployment's service level. */
    public DeadlineCase(
            FeedbackKind kind, Complexity complexity, boolean remoteArea, boolean secondTime, boolean emergency) {
        this(kind, complexity, remoteArea, secondTime, emergency, null);
    }

    /** A normal case of this kind: not complex, not remote, first time, not urgent. */
    public static DeadlineCase of(FeedbackKind kind) {
        return new DeadlineCase(kind, Complexity.NORMAL, false, false, false);
    }
}
