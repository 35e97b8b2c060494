package vn.danvan.statistics.export;

import java.time.format.TextStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import vn.danvan.statistics.period.Period;

/**
 * A period as people write it in a report, as the dashboard writes it: "Quý 3/2026", "9 tháng đầu năm 2026",
 * "Nhiệm kỳ 2025–2030"; "Q3 2026" in English. Texts {@code period.<KIND>} in messages*.properties; years go in as
 * text (a number would be written 2.026).
 */
final class PeriodLabels {

    private PeriodLabels() {}

    static String label(MessageSource messages, Period period, Locale locale) {
        String year = Integer.toString(period.from().getYear());
        int month = period.from().getMonthValue();
        String monthName = period.from().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        Object[] arguments =
                switch (period.kind()) {
                    case DAY -> new Object[] {year, month, period.from().getDayOfMonth(), monthName};
                    case MONTH -> new Object[] {year, month, monthName};
                    case QUARTER -> new Object[] {year, (month - 1) / 3 + 1};
                    case HALF -> new Object[] {year, month == 1 ? 1 : 2};
                    case NINE_MONTHS, YEAR -> new Object[] {year};
                    case TERM ->
                        new Object[] {year, Integer.toString(period.to().getYear() + 1)};
                };
        return messages.getMessage("period." + period.kind().name(), arguments, period.key(), locale);
    }
}
