package vn.danvan.feedback.consultation;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

interface ConsultationRepository extends MongoRepository<Consultation, String> {

    /** Consultations whose closing time has come and that nobody has closed yet. */
    List<Consultation> findByClosedAtIsNullAndClosesAtLessThanEqual(Instant now);
}
