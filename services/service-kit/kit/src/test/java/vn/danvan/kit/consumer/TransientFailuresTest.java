package vn.danvan.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import java.io.IOException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;

/** What a batch consumer logs as the store's or the broker's passing trouble (a WARN) rather than a bug (an ERROR). */
class TransientFailuresTest {

    @Test
    void theStoreOrTheBrokerAwayIsTransientHoweverDeeplyWrapped() {
        var readTimeout = new MongoSocketReadTimeoutException(
                "Timeout while receiving message", new ServerAddress(), new IOException("read timed out"));
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException(
                        "listener failed", new MessagingException("handler failed", readTimeout))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new MongoTimeoutException("Timed out while waiting for a server")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new DataAccessResourceFailureException("store down")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new ConcurrencyFailureException("written concurrently")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new TimeoutException("metadata not available")))
                .isTrue();
    }

    @Test
    void aBugIsNot() {
        assertThat(TransientFailures.isTransient(
                        new ListenerExecutionFailedException("listener failed", new NullPointerException("unit"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("no offset")))
                .isFalse();
    }
}
