package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import java.util.List;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/**
 * An officer opened a consultation (đợt lấy ý kiến) on a draft document for the given units.
 *
 * @param consultationId the consultation's id, also the record key
 * @param title the draft document's title (public text, not personal data)
 * @param unitCodes the administrative units whose citizens are consulted
 * @param opensAt when comments start being accepted
 * @param closesAt when comments stop being accepted, unless an officer closes it earlier
 * @param articleCount how many articles citizens can comment on
 */
@EventType(value = "vn.danvan.feedback.ConsultationOpened", version = 1)
public record ConsultationOpened(
        String consultationId,
        String title,
        List<String> unitCodes,
        Instant opensAt,
        Instant closesAt,
        int articleCount)
        implements DomainEvent {

    public ConsultationOpened {
        unitCodes = List.copyOf(unitCodes);
    }

    @Override
    public String aggregateId() {
        return consultationId;
    }
}
