package vn.danvan.statistics.units;

import vn.danvan.kit.web.NotFoundException;

/**
 * A unit code the statistics do not know (neither a current unit nor a province's unattributed bucket): the kit's 404
 * not-found problem naming the parameter that carried the code (docs/errors.md: a {@code field} member; "Tham số
 * “unit” ..." in the detail, in the caller's language). Unit codes are public reference data: saying which parameter
 * named nothing leaks nothing.
 */
public final class UnknownUnitException extends NotFoundException {

    /**
     * @param parameter the query or path parameter, as the client wrote it ({@code unit}, {@code code})
     * @param code the code given: for the log only
     */
    public UnknownUnitException(String parameter, String code) {
        super("unknown unit in " + parameter + ": " + shown(code));
        because("statistics.unit.unknown", parameter);
        onField(parameter);
    }

    /** The code is the caller's: keep the log line one line of plain characters. */
    private static String shown(String code) {
        if (code == null) {
            return "null";
        }
        String cut = code.length() > 64 ? code.substring(0, 64) + "..." : code;
        return cut.replaceAll("[^\\p{L}\\p{N}._:-]", "?");
    }
}
