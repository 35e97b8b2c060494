package vn.danvan.statistics.query;

import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.units.StatisticsUnits;
import vn.danvan.statistics.units.UnknownUnitException;

/** Query parameters read leniently (lower-case enum values) and refused with the kit's 400/404 problems. */
public final class Params {

    private Params() {}

    /** An enum value, any case; a 400 problem listing the values otherwise. */
    public static <E extends Enum<E>> E choose(String name, String value, Class<E> type) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.strip())) {
                    return constant;
                }
            }
        }
        TypeMismatchException mismatch = new TypeMismatchException(value, type);
        mismatch.initPropertyName(name);
        throw mismatch;
    }

    public static Period period(String value) {
        try {
            return Period.parse(value);
        } catch (IllegalArgumentException e) {
            TypeMismatchException mismatch = new TypeMismatchException(value, Period.class, e);
            mismatch.initPropertyName("period");
            throw mismatch;
        }
    }

    /** A unit the statistics know; a 404 problem naming {@code unit} otherwise, and a 400 when none is given. */
    public static StatisticsUnits.UnitView unit(StatisticsUnits units, String code) {
        if (code == null || code.isBlank()) {
            TypeMismatchException blank = new TypeMismatchException(code, StatisticsUnits.UnitView.class);
            blank.initPropertyName("unit");
            throw blank;
        }
        return units.find(code).orElseThrow(() -> new UnknownUnitException("unit", code));
    }

    /** The page languages: Vietnamese and English. */
    public enum Lang {
        VI,
        EN
    }

    /** Whether {@code lang} asks for English: vi or en (any case), absent for the caller's default; 400 otherwise. */
    public static java.util.Optional<Boolean> english(String lang) {
        if (lang == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(choose("lang", lang, Lang.class) == Lang.EN);
    }

    public static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
