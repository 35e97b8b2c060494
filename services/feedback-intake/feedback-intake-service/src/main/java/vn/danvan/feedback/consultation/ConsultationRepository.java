package vn.danvan.feedback.consultation;

import org.springframework.data.mongodb.repository.MongoRepository;

interface ConsultationRepository extends MongoRepository<Consultation, String> {}
