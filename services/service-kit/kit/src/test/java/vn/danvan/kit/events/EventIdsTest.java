package vn.danvan.kit.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreVersion7AndSortByCreationTime() {
        List<UUID> ids = new ArrayList<>();
        for (long ms = 1_700_000_000_000L; ms < 1_700_000_000_050L; ms++) {
            ids.add(EventIds.at(ms));
        }
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        List<String> asText = ids.stream().map(UUID::toString).toList();
        assertThat(asText).isSorted();
        assertThat(EventIds.epochMillis(ids.getFirst())).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void idsAreUnique() {
        assertThat(java.util.stream.Stream.generate(EventIds::next)
                        .limit(10_000)
                        .distinct())
                .hasSize(10_000);
    }
}
