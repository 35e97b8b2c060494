package vn.danvan.statistics.stream;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.danvan.kit.outbox.OutboxAggregate;

/**
 * The published side of one province's figures (its communes, agencies and unattributed bucket included): the
 * document whose outbox carries their {@code StatisticsChanged} events, each keyed by its own unit code, so they leave
 * through the kit's relay like every other service's events.
 */
@Document("statistics_feed")
class StatisticsFeed extends OutboxAggregate {

    @Id
    private String provinceCode;

    private Instant changedAt;

    StatisticsFeed() {}

    StatisticsFeed(String provinceCode) {
        this.provinceCode = provinceCode;
    }

    String getProvinceCode() {
        return provinceCode;
    }

    void changedAt(Instant when) {
        this.changedAt = when;
    }

    Instant getChangedAt() {
        return changedAt;
    }
}
