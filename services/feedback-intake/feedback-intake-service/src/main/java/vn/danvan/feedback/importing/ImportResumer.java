package vn.danvan.feedback.importing;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.danvan.kit.consumer.PeriodicTask;

/** Looks, in every replica, for running imports whose replica stopped, and finishes them. */
@Component
class ImportResumer extends PeriodicTask {

    private final ImportService imports;

    ImportResumer(ImportService imports, @Value("${danvan.feedback.import.resume-every:15s}") Duration every) {
        super("import-resumer", every);
        this.imports = imports;
    }

    @Override
    protected void runOnce() {
        imports.resumeAbandoned();
    }
}
