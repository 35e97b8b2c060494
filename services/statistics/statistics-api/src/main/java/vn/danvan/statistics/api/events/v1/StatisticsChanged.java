package vn.danvan.statistics.api.events.v1;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/**
 * The figures of one administrative unit for one period changed: the new values of every metric (counts, averages,
 * rates; never anything about a person). Key: the unit's code, so the changes of one unit arrive in order.
 *
 * @param unitCode the unit (a province, commune, agency, or {@code <province>:UNATTRIBUTED} for history of split
 *     communes that cannot be attributed)
 * @param period the period key, e.g. {@code 2026-07}, {@code 2026-Q3}, {@code term:2025-2030}
 * @param figures metric name (e.g. {@code feedback.received}) to its value after the change; null where undefined
 *     (an average without data)
 * @param asOf when the statistics service applied the change
 */
@EventType(value = "vn.danvan.statistics.StatisticsChanged", version = 1)
public record StatisticsChanged(String unitCode, String period, Map<String, Number> figures, Instant asOf)
        implements DomainEvent {

    public StatisticsChanged {
        // null values (undefined averages) are kept, so Map.copyOf cannot be used
        figures = figures == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    @Override
    public String aggregateId() {
        return unitCode;
    }
}
