package vn.danvan.statistics.period;

/** Reporting periods (DOMAIN.md: month, quarter, 6 months, 9 months, year, 5-year term), plus the day. */
public enum PeriodKind {
    DAY,
    MONTH,
    QUARTER,
    HALF,
    /** The first nine months of a year (9 tháng đầu năm): only dates from January to September fall in it. */
    NINE_MONTHS,
    YEAR,
    /** A 5-year party term (nhiệm kỳ), see {@link Period} for its boundaries. */
    TERM
}
