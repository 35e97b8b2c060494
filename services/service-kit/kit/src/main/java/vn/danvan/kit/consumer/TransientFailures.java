package vn.danvan.kit.consumer;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Whether a failure is the store's or the broker's moment of trouble (down, unreachable, too slow, failing over, a
 * concurrent writer), which passes by itself, rather than a fault of the code or of the data.
 */
public final class TransientFailures {

    private TransientFailures() {}

    /** True if the exception or any of its causes is a transient failure of the store or the broker. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        return t instanceof TransientDataAccessException // incl. query timeouts and concurrent writers
                || t instanceof DataAccessResourceFailureException
                || t instanceof RecoverableDataAccessException
                || t instanceof MongoSocketException // refused, reset, read timeout
                || t instanceof MongoTimeoutException // no server within the selection timeout
                || t instanceof MongoExecutionTimeoutException
                || t instanceof MongoNotPrimaryException
                || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoServerUnavailableException
                || t instanceof MongoConnectionPoolClearedException
                || (t instanceof MongoException mongo
                        && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                                || mongo.hasErrorLabel("RetryableWriteError")))
                || t instanceof RetriableException // Kafka: timeouts, leader changes, network
                || t instanceof java.util.concurrent.TimeoutException
                || t instanceof SocketTimeoutException
                || t instanceof ConnectException;
    }
}
