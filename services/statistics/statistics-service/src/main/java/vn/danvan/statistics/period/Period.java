package vn.danvan.statistics.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period with its key ({@code 2026-07-15}, {@code 2026-07}, {@code 2026-Q3}, {@code 2026-H1},
 * {@code 2026-9M}, {@code 2026}, {@code term:2025-2030}) and its first and last day in Asia/Ho_Chi_Minh.
 *
 * <p>Terms: {@code term:2020-2025} runs from 1 January 2020 to 31 December 2024 and {@code term:2025-2030} from
 * 1 January 2025 to 31 December 2029. Party congresses fall on different dates in each province, so statistics
 * count terms by calendar year: every date lies in exactly one term, a term is five whole years (its figures are the
 * sum of its years), and "the previous term" compares like with like. A term's first year is a multiple of 5.
 */
public record Period(PeriodKind kind, String key, LocalDate from, LocalDate to) {

    /** Every date and boundary of the statistics is local time in Vietnam. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern NINE_MONTHS = Pattern.compile("(\\d{4})-9M");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern TERM = Pattern.compile("term:(\\d{4})-(\\d{4})");

    /** The first year a period can name; the running totals to a period's end start on its 1 January. */
    public static final int MIN_YEAR = 1990;

    static final int MAX_YEAR = 2999;

    /**
     * Reads a period key.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static Period parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("no period");
        }
        String text = key.strip();
        try {
            Matcher m;
            if ((m = DAY.matcher(text)).matches()) {
                return day(LocalDate.of(year(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
            if ((m = MONTH.matcher(text)).matches()) {
                return month(year(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = QUARTER.matcher(text)).matches()) {
                return quarter(year(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = HALF.matcher(text)).matches()) {
                return half(year(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = NINE_MONTHS.matcher(text)).matches()) {
                return nineMonths(year(m.group(1)));
            }
            if ((m = YEAR.matcher(text)).matches()) {
                return year(year(m.group(1)));
            }
            if ((m = TERM.matcher(text)).matches()) {
                int start = year(m.group(1));
                if (start % 5 != 0 || Integer.parseInt(m.group(2)) != start + 5) {
                    throw new IllegalArgumentException("a term runs from a multiple of 5 for 5 years: " + key);
                }
                return term(start);
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a period: " + key, e);
        }
        throw new IllegalArgumentException("not a period: " + key);
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        return year;
    }

    public static Period day(LocalDate date) {
        return new Period(PeriodKind.DAY, date.toString(), date, date);
    }

    public static Period month(int year, int month) {
        LocalDate from = LocalDate.of(year, month, 1);
        return new Period(
                PeriodKind.MONTH,
                String.format("%04d-%02d", year, month),
                from,
                from.plusMonths(1).minusDays(1));
    }

    public static Period quarter(int year, int quarter) {
        LocalDate from = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        return new Period(
                PeriodKind.QUARTER,
                year + "-Q" + quarter,
                from,
                from.plusMonths(3).minusDays(1));
    }

    public static Period half(int year, int half) {
        LocalDate from = LocalDate.of(year, half == 1 ? 1 : 7, 1);
        return new Period(
                PeriodKind.HALF, year + "-H" + half, from, from.plusMonths(6).minusDays(1));
    }

    public static Period nineMonths(int year) {
        return new Period(PeriodKind.NINE_MONTHS, year + "-9M", LocalDate.of(year, 1, 1), LocalDate.of(year, 9, 30));
    }

    public static Period year(int year) {
        return new Period(
                PeriodKind.YEAR, Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static Period term(int startYear) {
        return new Period(
                PeriodKind.TERM,
                "term:" + startYear + "-" + (startYear + 5),
                LocalDate.of(startYear, 1, 1),
                LocalDate.of(startYear + 4, 12, 31));
    }

    /** The term a year belongs to. */
    public static Period termOf(int year) {
        return term(Math.floorDiv(year, 5) * 5);
    }

    /** The local date of an instant in Vietnam. */
    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** Every period containing this local date: day, month, quarter, half, 9 months (January-September), year, term. */
    public static List<Period> containing(LocalDate date) {
        List<Period> periods = new ArrayList<>(7);
        int year = date.getYear();
        int month = date.getMonthValue();
        periods.add(day(date));
        periods.add(month(year, month));
        periods.add(quarter(year, (month - 1) / 3 + 1));
        periods.add(half(year, month <= 6 ? 1 : 2));
        if (month <= 9) {
            periods.add(nineMonths(year));
        }
        periods.add(year(year));
        periods.add(termOf(year));
        return periods;
    }

    /**
     * Whether this period's figures are the sum of shorter stored periods rather than stored themselves: a half is
     * two quarters, the first 9 months three. Every figure is a count (histogram buckets included), so the sum is
     * exact, and each event updates 5 counter documents per unit instead of 7. A term stays stored: summed from its
     * years, a province's breakdown by child for a term read 5 documents per child (p99 71 ms at 100,000 events on
     * the local store, against 24 ms for a year).
     */
    public boolean composed() {
        return kind == PeriodKind.HALF || kind == PeriodKind.NINE_MONTHS;
    }

    /**
     * The period a key names if that period is composed, else empty; cheap for the keys of stored periods, which
     * readers look up by the hundred.
     */
    public static Optional<Period> composedOf(String key) {
        if (!HALF.matcher(key).matches() && !NINE_MONTHS.matcher(key).matches()) {
            return Optional.empty();
        }
        Period period = parse(key);
        return period.composed() ? Optional.of(period) : Optional.empty();
    }

    /** The stored periods a composed one is the sum of; a stored period is its own only part. */
    public List<Period> parts() {
        int year = from.getYear();
        return switch (kind) {
            case HALF -> {
                int first = from.getMonthValue() == 1 ? 1 : 3;
                yield List.of(quarter(year, first), quarter(year, first + 1));
            }
            case NINE_MONTHS -> List.of(quarter(year, 1), quarter(year, 2), quarter(year, 3));
            default -> List.of(this);
        };
    }

    /** The composed periods whose figures change when this stored one does (a quarter's half and 9 months). */
    public List<Period> composedContaining() {
        int year = from.getYear();
        return switch (kind) {
            case QUARTER -> {
                int quarter = (from.getMonthValue() - 1) / 3 + 1;
                yield quarter <= 3
                        ? List.of(half(year, quarter <= 2 ? 1 : 2), nineMonths(year))
                        : List.of(half(year, 2));
            }
            default -> List.of();
        };
    }

    /** The stored periods containing this local date: day, month, quarter, year, term (see {@link #composed}). */
    public static List<Period> storedContaining(LocalDate date) {
        List<Period> periods = containing(date);
        periods.removeIf(Period::composed);
        return periods;
    }

    /** Every period containing this instant, by its date in Vietnam. */
    public static List<Period> containing(Instant instant) {
        return containing(dateOf(instant));
    }

    /**
     * The period just before, of the same kind. The first 9 months compare with the first 9 months of the year
     * before (the months before them are not a "9 months").
     */
    public Period previous() {
        return switch (kind) {
            case DAY -> day(from.minusDays(1));
            case MONTH ->
                month(from.minusMonths(1).getYear(), from.minusMonths(1).getMonthValue());
            case QUARTER ->
                quarter(from.minusMonths(3).getYear(), (from.minusMonths(3).getMonthValue() - 1) / 3 + 1);
            case HALF -> half(from.minusMonths(6).getYear(), from.minusMonths(6).getMonthValue() == 1 ? 1 : 2);
            case NINE_MONTHS -> nineMonths(from.getYear() - 1);
            case YEAR -> year(from.getYear() - 1);
            case TERM -> term(from.getYear() - 5);
        };
    }

    /**
     * The same period a year earlier. A term has no such thing: it compares with the previous term (a term is
     * longer than a year, so "a year earlier" would overlap it).
     */
    public Period yearEarlier() {
        return switch (kind) {
            case DAY -> day(from.minusYears(1));
            case MONTH -> month(from.getYear() - 1, from.getMonthValue());
            case QUARTER -> quarter(from.getYear() - 1, (from.getMonthValue() - 1) / 3 + 1);
            case HALF -> half(from.getYear() - 1, from.getMonthValue() == 1 ? 1 : 2);
            case NINE_MONTHS -> nineMonths(from.getYear() - 1);
            case YEAR -> year(from.getYear() - 1);
            case TERM -> previous();
        };
    }

    /** The periods of a kind that make up this one, in order (e.g. the months of a quarter). */
    public List<Period> steps(PeriodKind step) {
        List<Period> steps = new ArrayList<>();
        LocalDate cursor = from;
        while (!cursor.isAfter(to)) {
            Period part =
                    switch (step) {
                        case DAY -> day(cursor);
                        case MONTH -> month(cursor.getYear(), cursor.getMonthValue());
                        case QUARTER -> quarter(cursor.getYear(), (cursor.getMonthValue() - 1) / 3 + 1);
                        case HALF -> half(cursor.getYear(), cursor.getMonthValue() <= 6 ? 1 : 2);
                        case YEAR -> year(cursor.getYear());
                        default -> throw new IllegalArgumentException("not a step: " + step);
                    };
            steps.add(part);
            cursor = part.to.plusDays(1);
        }
        return steps;
    }

    /**
     * The stored periods that together hold every date from 1 January {@link #MIN_YEAR} to {@code last}, each as
     * long as fits: whole terms, then the years, quarters, months and days left (at most 7 + 4 + 3 + 2 + 30; a period
     * ending on a month's last day needs no days).
     */
    public static List<Period> storedUpTo(LocalDate last) {
        return storedUpTo(last, false);
    }

    /**
     * {@link #storedUpTo(LocalDate)}, with halves and 9 months among the parts when {@code composedToo} (children
     * documents store them): the fewest parts, each the longest period that starts where the last ended and fits.
     */
    public static List<Period> storedUpTo(LocalDate last, boolean composedToo) {
        List<Period> parts = new ArrayList<>();
        LocalDate cursor = LocalDate.of(MIN_YEAR, 1, 1);
        while (!cursor.isAfter(last)) {
            Period next = null;
            for (Period candidate : composedToo ? containing(cursor) : storedContaining(cursor)) {
                if (candidate.from.equals(cursor)
                        && !candidate.to.isAfter(last)
                        && (next == null || candidate.to.isAfter(next.to))) {
                    next = candidate; // the day always fits
                }
            }
            parts.add(next);
            cursor = next.to.plusDays(1);
        }
        return parts;
    }

    /** Number of days in the period. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Whether this date falls in the period. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /** First instant of the period. */
    public Instant start() {
        return from.atStartOfDay(ZONE).toInstant();
    }

    /** First instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    @Override
    public String toString() {
        return key;
    }
}
