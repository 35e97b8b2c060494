package vn.danvan.feedback.importing;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface ImportJobRepository extends MongoRepository<ImportJob, String> {

    List<ImportJob> findByStatus(ImportJob.Status status);

    List<ImportJob> findByUnitCodeAndFileDigest(String unitCode, String fileDigest);

    Optional<ImportJob> findByUploadKey(String uploadKey);
}
