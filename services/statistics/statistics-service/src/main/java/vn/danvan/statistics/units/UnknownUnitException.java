package vn.danvan.statistics.units;

import vn.danvan.kit.web.NotFoundException;

/**
 * A unit code the statistics do not know (neither a current unit nor a province's unattributed bucket): the kit's 404
 * not-found problem, which {@link UnknownUnitProblems} makes name the parameter that carried the code.
 */
public final class UnknownUnitException extends NotFoundException {

    private final String parameter;

    /**
     * @param parameter the query or path parameter, as the client wrote it ({@code unit}, {@code code})
     * @param code the code given: for the log only
     */
    public UnknownUnitException(String parameter, String code) {
        super("unknown unit in " + parameter + ": " + shown(code));
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
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
