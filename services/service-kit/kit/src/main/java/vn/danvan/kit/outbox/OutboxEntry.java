package vn.danvan.kit.outbox;

import java.time.Instant;

/**
 * One pending event inside an aggregate's MongoDB document: everything the relay needs to publish it as a CloudEvent
 * in binary mode, already serialised, so publication never depends on code that may have changed since.
 *
 * @param eventId CloudEvents id (UUID v7); not {@code id}, which Spring Data would store as {@code _id}
 * @param type CloudEvents type, e.g. {@code vn.danvan.feedback.FeedbackReceived.v1}
 * @param source CloudEvents source, e.g. {@code /danvan/feedback-intake}
 * @param subject the aggregate id: Kafka key and CloudEvents subject
 * @param time when the event was raised
 * @param data the event record as JSON
 * @param traceparent W3C trace context of the request that raised it, or null
 * @param correlationId the request's {@code X-Correlation-Id} (set by the gateway, carried as trace baggage), or null
 */
public record OutboxEntry(
        String eventId,
        String type,
        String source,
        String subject,
        Instant time,
        String data,
        String traceparent,
        String correlationId) {}
