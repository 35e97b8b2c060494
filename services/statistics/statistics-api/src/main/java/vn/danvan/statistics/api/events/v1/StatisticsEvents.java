package vn.danvan.statistics.api.events.v1;

import java.util.List;
import vn.danvan.kit.contract.EventStream;

/** The events statistics publishes, version 1 of its stream. */
public final class StatisticsEvents {

    /** Topic {@code danvan.statistics.v1}, source {@code /danvan/statistics}. */
    public static final EventStream STREAM =
            new EventStream("danvan.statistics.v1", "/danvan/statistics", List.of(StatisticsChanged.class));

    private StatisticsEvents() {}
}
