package vn.danvan.feedback.consultation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the comment path needs to know about a consultation, kept in memory for a short time: at 100+ comments a
 * second on one consultation, reading it from the store on every comment would double the path's store work. The
 * opening and closing times are checked against the clock on every comment, so only an officer's early close can be
 * seen late, by other replicas, for at most the time to live; this replica forgets the entry when it closes one.
 * A time to live of zero reads the store on every request.
 */
class ConsultationCatalog {

    /** Beyond this many cached consultations the cache is emptied: there are only ever a few open at once. */
    private static final int MAX_ENTRIES = 1_000;

    private final ConsultationRepository consultations;
    private final Clock clock;
    private final Duration timeToLive;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Consultation consultation, Instant loadedAt) {}

    ConsultationCatalog(ConsultationRepository consultations, Clock clock, Duration timeToLive) {
        this.consultations = consultations;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    /** The consultation as of at most the time to live ago; the copy is shared: never change or save it. */
    Optional<Consultation> find(String id) {
        if (timeToLive.isZero()) {
            return consultations.findById(id);
        }
        Instant now = clock.instant();
        Entry entry = entries.get(id);
        if (entry != null && now.isBefore(entry.loadedAt().plus(timeToLive))) {
            return Optional.of(entry.consultation());
        }
        Optional<Consultation> loaded = consultations.findById(id);
        if (loaded.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(id, new Entry(loaded.get(), now));
        } else {
            entries.remove(id);
        }
        return loaded;
    }

    void forget(String id) {
        entries.remove(id);
    }
}
