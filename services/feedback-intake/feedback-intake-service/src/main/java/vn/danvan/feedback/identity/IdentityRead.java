package vn.danvan.feedback.identity;

import java.time.Instant;

/** One opening of a sealed identity: who (and for which unit), why, when. */
record IdentityRead(String officerId, String unitCode, String reason, Instant at) {}
