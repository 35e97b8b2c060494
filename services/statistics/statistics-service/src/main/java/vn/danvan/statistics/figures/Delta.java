package vn.danvan.statistics.figures;

import java.time.LocalDate;

/**
 * One counter change an event makes for one unit: {@code amount} added to {@code field} (e.g.
 * {@code feedback.received}) in every period containing {@code date}, or, with a null date, to the unit's current
 * gauges (pending now, overdue now). The projector rolls it up to the unit's ancestors.
 */
public record Delta(String unit, LocalDate date, String field, long amount) {}
