package vn.danvan.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.platform.Repository;
import vn.danvan.platform.contracts.fixture.DriftedRaised;
import vn.danvan.platform.contracts.fixture.SampleRaised;

class EventContractsTest {

    private static final List<EventStream> PUBLISHED = EventContracts.streamsIn(
            "vn.danvan.models.api", "vn.danvan.dialogues.api", "vn.danvan.feedback.api", "vn.danvan.statistics.api");

    @Test
    void eachServicePublishesItsOwnVersionedTopic() {
        assertThat(PUBLISHED)
                .extracting(EventStream::topic)
                .containsExactly(
                        "danvan.dialogues.v1", "danvan.feedback.v1", "danvan.models.v1", "danvan.statistics.v1");
        assertThat(PUBLISHED)
                .extracting(EventStream::source)
                .containsExactly(
                        "/danvan/dialogue-scheduler",
                        "/danvan/feedback-intake",
                        "/danvan/model-registry",
                        "/danvan/statistics");
    }

    @Test
    void everyPublishedEventHasASchemaAndAnExampleThatMatchItsRecord() {
        List<String> problems = PUBLISHED.stream()
                .flatMap(stream -> stream.events().stream())
                .flatMap(event -> EventContracts.violations(event).stream())
                .toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void theEventCatalogListsExactlyWhatIsPublished() throws IOException {
        String catalog = Files.readString(Repository.root().resolve("docs/events.md"));
        assertThat(EventContracts.catalogViolations(catalog, PUBLISHED)).isEmpty();
    }

    @Test
    void aCompleteContractPasses() {
        assertThat(EventContracts.violations(SampleRaised.class)).isEmpty();
    }

    @Test
    void aSchemaThatDriftedFromItsRecordIsCaught() {
        assertThat(EventContracts.violations(DriftedRaised.class))
                .anySatisfy(p -> assertThat(p).contains("properties [sampleId, title] differ"))
                .anySatisfy(p -> assertThat(p).contains("DriftedRaised.example.json missing"));
    }

    @Test
    void aCatalogThatMissesOrInventsEventsIsCaught() {
        EventStream stream =
                new EventStream("danvan.sample.v1", "/danvan/sample", List.of(SampleRaised.class, DriftedRaised.class));
        String catalog = "`danvan.sample.v1`: `vn.danvan.sample.SampleRaised.v1`, `vn.danvan.sample.Invented.v1`";
        assertThat(EventContracts.catalogViolations(catalog, List.of(stream)))
                .containsExactlyInAnyOrder(
                        "docs/events.md does not list vn.danvan.sample.DriftedRaised.v1 (danvan.sample.v1)",
                        "docs/events.md lists vn.danvan.sample.Invented.v1, which no stream publishes");
    }
}
