package vn.danvan.statistics.api.events.v1;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/**
 * The figures of one administrative unit changed in one or more periods: the new values of every metric (counts,
 * averages, rates; never anything about a person) for each changed period. One event per unit and projector batch,
 * so a burst of events touching the same unit is one record. Key: the unit's code, so a unit's changes arrive in
 * order.
 *
 * @param unitCode the unit (a province, commune, agency, or {@code <province>:UNATTRIBUTED} for history of split
 *     communes that cannot be attributed)
 * @param periods the changed periods, each with its figures after the change
 * @param asOf when the statistics service applied the change
 */
@EventType(value = "vn.danvan.statistics.StatisticsChanged", version = 1)
public record StatisticsChanged(String unitCode, List<PeriodFigures> periods, Instant asOf) implements DomainEvent {

    public StatisticsChanged {
        periods = periods == null ? List.of() : List.copyOf(periods);
    }

    @Override
    public String aggregateId() {
        return unitCode;
    }

    /**
     * @param period the period key, e.g. {@code 2026-07}, {@code 2026-Q3}, {@code term:2025-2030}
     * @param figures metric name (e.g. {@code feedback.received}) to its value; null where undefined (an average
     *     without data)
     */
    public record PeriodFigures(String period, Map<String, Number> figures) {

        public PeriodFigures {
            // null values (undefined averages) are kept, so Map.copyOf cannot be used
            figures = figures == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }
    }
}
