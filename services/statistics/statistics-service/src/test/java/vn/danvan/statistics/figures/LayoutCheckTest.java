package vn.danvan.statistics.figures;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.test.InProcessMongo;

/** An operator is told when the serving generation was written before what this version stores, and only then. */
class LayoutCheckTest {

    private InProcessMongo store;
    private MongoTemplate mongo;
    private LayoutCheck check;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LayoutCheck.class);

    @BeforeEach
    void start() {
        store = InProcessMongo.start();
        mongo = store.template("statistics_layout");
        check = new LayoutCheck(new Generations(mongo, Clock.systemUTC()));
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logged);
        store.close();
    }

    @Test
    void aGenerationWrittenBeforeThePendingChangeCountersNeedsARebuildAndTheServiceSaysSoOnce() {
        // what a deployment upgraded from the version before pendingAtEnd serves: layout 2
        servingGeneration("r1a2b3c", 2);

        Health health = check.health();
        assertThat(health.getStatus()).as("it still serves: not DOWN").isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("generation", "r1a2b3c")
                .containsEntry("layout", 2)
                .containsEntry("currentLayout", Generations.LAYOUT)
                .containsEntry("rebuildNeeded", true)
                .containsEntry("action", "POST /api/v1/statistics/rebuild (role ADMIN)");
        @SuppressWarnings("unchecked")
        Map<String, String> missing = (Map<String, String>) health.getDetails().get("missing");
        assertThat(missing).containsOnlyKeys("3");
        assertThat(missing.get("3")).contains("pendingChange", "feedback.pendingAtEnd");

        check.warnIfOlder();
        check.warnIfOlder(); // the ready event of the binder's own contexts reaches it too
        List<ILoggingEvent> warnings = warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().getFormattedMessage())
                .contains("r1a2b3c", "layout 2", "pendingChange", "POST /api/v1/statistics/rebuild");
    }

    @Test
    void aGenerationOlderStillLacksEveryLayoutSince() {
        servingGeneration("1", 1);

        @SuppressWarnings("unchecked")
        Map<String, String> missing =
                (Map<String, String>) check.health().getDetails().get("missing");
        assertThat(missing).containsOnlyKeys("2", "3");
    }

    @Test
    void aGenerationWrittenByThisVersionNeedsNothing() {
        servingGeneration("rd4e5f6", Generations.LAYOUT);

        Health health = check.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("layout", Generations.LAYOUT)
                .doesNotContainKeys("rebuildNeeded", "missing", "action");
        check.warnIfOlder();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aFreshDeploymentsFirstGenerationIsOfThisVersion() {
        // no generation yet: the first one is written by this version from its first event
        check.warnIfOlder();

        assertThat(warnings()).isEmpty();
        assertThat(check.health().getDetails())
                .containsEntry("generation", Generations.FIRST)
                .containsEntry("layout", Generations.LAYOUT)
                .doesNotContainKey("rebuildNeeded");
    }

    private void servingGeneration(String generation, int layout) {
        mongo.getCollection(Generations.COLLECTION)
                .insertOne(new Document("_id", "active")
                        .append("generation", generation)
                        .append("layout", layout));
    }

    private List<ILoggingEvent> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }
}
