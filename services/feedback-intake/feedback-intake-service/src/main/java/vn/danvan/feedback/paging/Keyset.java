package vn.danvan.feedback.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.TypeMismatchException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Keyset pages by (receivedAt, _id): stable while documents keep arriving (an offset would skip or repeat them), one
 * index range per page. The cursor is opaque to clients: the last position of a page, base64url of
 * {@code <epoch millis>:<id>}.
 */
public final class Keyset {

    /** One page, and the cursor of the next (null on the last). */
    public record Page<T>(List<T> items, String nextCursor) {}

    /** Where a page ended. */
    record Position(Instant receivedAt, String id) {

        String encode() {
            String raw = receivedAt.toEpochMilli() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** A cursor only ever comes from a page: one that does not decode is malformed input, a 400 naming it. */
        static Position parse(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new Position(
                        Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
            } catch (RuntimeException e) {
                TypeMismatchException mismatch = new TypeMismatchException(cursor, Position.class, e);
                mismatch.initPropertyName("cursor");
                throw mismatch;
            }
        }
    }

    private Keyset() {}

    /**
     * The page after {@code cursor} (the first when null) of the documents matching {@code where}.
     *
     * @param newestFirst descending (officers' lists) or ascending (a consultation's comments, oldest first)
     * @param receivedAtOf the sort key of a document, to write the next cursor
     */
    public static <T> Page<T> page(
            MongoTemplate mongo,
            List<Criteria> where,
            String cursor,
            boolean newestFirst,
            int limit,
            Class<T> type,
            Function<T, Instant> receivedAtOf,
            Function<T, String> idOf) {
        List<Criteria> all = new ArrayList<>(where);
        if (cursor != null) {
            Position after = Position.parse(cursor);
            Criteria beyond = newestFirst
                    ? Criteria.where("receivedAt").lt(after.receivedAt())
                    : Criteria.where("receivedAt").gt(after.receivedAt());
            Criteria tie = newestFirst
                    ? Criteria.where("_id").lt(after.id())
                    : Criteria.where("_id").gt(after.id());
            all.add(new Criteria()
                    .orOperator(
                            beyond,
                            new Criteria()
                                    .andOperator(Criteria.where("receivedAt").is(after.receivedAt()), tie)));
        }
        Sort.Direction direction = newestFirst ? Sort.Direction.DESC : Sort.Direction.ASC;
        Query query = new Query(new Criteria().andOperator(all))
                .with(Sort.by(new Sort.Order(direction, "receivedAt"), new Sort.Order(direction, "_id")))
                .limit(limit + 1);
        List<T> found = mongo.find(query, type);
        boolean more = found.size() > limit;
        List<T> items = more ? found.subList(0, limit) : found;
        String next =
                more ? new Position(receivedAtOf.apply(items.getLast()), idOf.apply(items.getLast())).encode() : null;
        return new Page<>(List.copyOf(items), next);
    }
}
