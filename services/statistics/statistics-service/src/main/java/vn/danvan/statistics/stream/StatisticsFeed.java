package vn.danvan.statistics.stream;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.danvan.kit.outbox.OutboxAggregate;

/**
 * The published side of one unit's figures: the aggregate whose outbox carries its {@code StatisticsChanged} events
 * (key: the unit code), so they leave through the kit's relay like every other service's events.
 */
@Document("statistics_feed")
class StatisticsFeed extends OutboxAggregate {

    @Id
    private String unitCode;

    private Instant changedAt;

    StatisticsFeed() {}

    StatisticsFeed(String unitCode) {
        this.unitCode = unitCode;
    }

    String getUnitCode() {
        return unitCode;
    }

    void changedAt(Instant when) {
        this.changedAt = when;
    }

    Instant getChangedAt() {
        return changedAt;
    }
}
