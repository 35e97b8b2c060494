package vn.danvan.statistics.rebuild;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One rebuild at a time across every replica of the service: a lease in the store, held by the running job and
 * renewed while it runs. A replica that stops mid-rebuild stops renewing it; once it has expired, the next rebuild
 * takes it over and the stopped job reads as failed. Without it, two replicas asked to rebuild at once would each
 * drop the other's generation as a leftover.
 */
final class RebuildLease {

    static final String COLLECTION = "statistics_rebuild_lease";
    private static final String ID = "rebuild";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration ttl;

    RebuildLease(MongoTemplate mongo, Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the lease must last a while");
        }
        this.mongo = mongo;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** How often the holder renews the lease: well before it expires, even if a renewal is slow. */
    Duration renewEvery() {
        return ttl.dividedBy(4);
    }

    /**
     * Takes the lease for a job.
     *
     * @return the lease as taken: {@code held} false with the holder's job id when another job holds it; when an
     *     expired lease was taken over, the job that had held it (stopped without finishing)
     */
    Taken acquire(String jobId) {
        Instant now = clock.instant();
        try {
            lease().insertOne(new Document("_id", ID).append("job", jobId).append("until", until(now)));
            return new Taken(true, null);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document expired = lease().findOneAndUpdate(
                        Filters.and(Filters.eq("_id", ID), Filters.lt("until", Date.from(now))),
                        Updates.combine(Updates.set("job", jobId), Updates.set("until", until(now))));
        if (expired != null) {
            return new Taken(true, expired.getString("job"));
        }
        Document holder = lease().find(Filters.eq("_id", ID)).first();
        // released between the two writes: try once more
        return holder == null ? acquire(jobId) : new Taken(false, holder.getString("job"));
    }

    /** Extends the lease of the job holding it; false if the job no longer holds it. */
    boolean renew(String jobId) {
        return lease().updateOne(
                                Filters.and(Filters.eq("_id", ID), Filters.eq("job", jobId)),
                                Updates.set("until", until(clock.instant())))
                        .getMatchedCount()
                == 1;
    }

    void release(String jobId) {
        lease().deleteOne(Filters.and(Filters.eq("_id", ID), Filters.eq("job", jobId)));
    }

    /** The job holding an unexpired lease, if any. */
    Optional<String> holder() {
        Document lease = lease().find(Filters.eq("_id", ID)).first();
        if (lease == null || !lease.getDate("until").toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(lease.getString("job"));
    }

    private Date until(Instant now) {
        return Date.from(now.plus(ttl));
    }

    private MongoCollection<Document> lease() {
        return mongo.getCollection(COLLECTION);
    }

    /**
     * @param held whether the job now holds the lease
     * @param other the job holding it (not held), or the job whose expired lease was taken over (held); may be null
     */
    record Taken(boolean held, String other) {}
}
