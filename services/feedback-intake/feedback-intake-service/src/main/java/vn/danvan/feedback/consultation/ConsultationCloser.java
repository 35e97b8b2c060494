package vn.danvan.feedback.consultation;

import java.time.Duration;
import vn.danvan.kit.consumer.PeriodicTask;

/** Closes, in every replica, the consultations whose closing time has passed (see {@link Consultations#closeDue}). */
class ConsultationCloser extends PeriodicTask {

    private final Consultations consultations;

    ConsultationCloser(Consultations consultations, Duration every) {
        super("consultation-closer", every);
        this.consultations = consultations;
    }

    @Override
    protected void runOnce() {
        consultations.closeDue();
    }
}
