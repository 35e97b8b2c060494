package vn.danvan.feedback.importing;

import org.springframework.data.mongodb.repository.MongoRepository;

interface ImportJobRepository extends MongoRepository<ImportJob, String> {}
