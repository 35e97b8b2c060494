package vn.danvan.kit.observability;

import com.mongodb.client.MongoClient;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Access to the current trace id. The settings themselves (actuator exposure, health groups, sampling,
 * log correlation, JSON logs) are property defaults: see {@code META-INF/danvan/kit-defaults.properties}
 * and {@code vn.danvan.kit.config.KitDefaultsEnvironmentPostProcessor}. Not limited to web
 * applications: event consumers want the trace id too.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
public class ObservabilityAutoConfiguration {

    static final String SELECTION_TIMEOUT = "danvan.mongodb.server-selection-timeout";

    static final String READ_TIMEOUT = "danvan.mongodb.read-timeout";

    static final String CONNECT_TIMEOUT = "danvan.mongodb.connect-timeout";

    /** Named so that Boot's MongoDB health contributor backs off; the health component stays {@code mongo}. */
    @Bean
    @ConditionalOnClass(MongoClient.class)
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoClient client, Environment environment) {
        // a store that accepts connections but does not answer (hung, stopped with SIGSTOP) is DOWN within the
        // selection timeout, not after the socket's read timeout
        return new MongoPingHealthIndicator(client, duration(environment, SELECTION_TIMEOUT, "5s"));
    }

    /**
     * How long a request waits for an unreachable store before it is answered 503 (the driver's default is 30 s, three
     * times the gateway's response timeout: the citizen got a 504 for an item stored later, and retried it).
     * {@code danvan.mongodb.server-selection-timeout}, 5 s by default; a {@code serverSelectionTimeoutMS} in the
     * connection string wins.
     */
    @Bean
    @ConditionalOnClass(MongoClientSettingsBuilderCustomizer.class)
    MongoClientSettingsBuilderCustomizer danvanStoreSelectionTimeout(Environment environment) {
        Duration timeout = duration(environment, SELECTION_TIMEOUT, "5s");
        boolean inUri = inUri(environment, "serverSelectionTimeoutMS");
        return settings -> {
            if (!inUri) {
                settings.applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
        };
    }

    /**
     * How long a request waits for a store that took it but does not answer (hung, overloaded, a network that drops
     * packets): the driver's default waits for ever, and a request, the outbox relay and readiness with it (a store
     * stopped with SIGSTOP: no answer in 90 s). Past it the driver gives up with {@code MongoSocketReadTimeoutException}
     * and the request gets the same 503 as for a store that is down. {@code danvan.mongodb.read-timeout}, 60 s by
     * default, is per message to the store, not per operation: a bulk write is split into messages of at most 1,000
     * documents (mongo-java-server; 100,000 on MongoDB) and each has the whole timeout. {@code
     * danvan.mongodb.connect-timeout}, 10 s (the driver's default, stated), bounds opening a connection. A
     * {@code socketTimeoutMS} or {@code connectTimeoutMS} in the connection string wins.
     */
    @Bean
    @ConditionalOnClass(MongoClientSettingsBuilderCustomizer.class)
    MongoClientSettingsBuilderCustomizer danvanStoreSocketTimeouts(Environment environment) {
        Duration read = duration(environment, READ_TIMEOUT, "60s");
        Duration connect = duration(environment, CONNECT_TIMEOUT, "10s");
        boolean readInUri = inUri(environment, "socketTimeoutMS");
        boolean connectInUri = inUri(environment, "connectTimeoutMS");
        return settings -> settings.applyToSocketSettings(socket -> {
            if (!readInUri) {
                socket.readTimeout((int) read.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!connectInUri) {
                socket.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private static Duration duration(Environment environment, String property, String fallback) {
        return DurationStyle.detectAndParse(environment.getProperty(property, fallback));
    }

    private static boolean inUri(Environment environment, String option) {
        String uri = environment.getProperty("spring.mongodb.uri", "");
        return uri.toLowerCase(Locale.ROOT).contains(option.toLowerCase(Locale.ROOT));
    }

    @Bean
    @ConditionalOnMissingBean
    CurrentTrace danvanCurrentTrace(ObjectProvider<Tracer> tracer) {
        return new CurrentTrace(tracer);
    }
}
