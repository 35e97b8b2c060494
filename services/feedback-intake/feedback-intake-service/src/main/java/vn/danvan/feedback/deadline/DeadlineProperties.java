package vn.danvan.feedback.deadline;

import static java.util.Objects.requireNonNullElse;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The time limits of a deployment ({@code danvan.feedback.deadlines}). Anything left out takes the
 * legal default written here and repeated in application.yml; application.yml cites the sources.
 *
 * @param endOfDay the local time at which a deadline day ends
 * @param dueSoonLead how long before a deadline an item counts as due soon
 * @param remoteUnits codes of communes or provinces counted as remote areas (a province covers its
 *     communes)
 */
@ConfigurationProperties("danvan.feedback.deadlines")
record DeadlineProperties(
        @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime endOfDay,
        TimeLimit dueSoonLead,
        Set<String> remoteUnits,
        Complaint complaint,
        Denunciation denunciation,
        ServiceLevel serviceLevel) {

    DeadlineProperties {
        endOfDay = requireNonNullElse(endOfDay, LocalTime.of(23, 59, 59));
        dueSoonLead = requireNonNullElse(dueSoonLead, TimeLimit.workingDays(1));
        remoteUnits = remoteUnits == null ? Set.of() : Set.copyOf(remoteUnits);
        complaint = requireNonNullElse(complaint, new Complaint(null, null, null, null));
        denunciation = requireNonNullElse(denunciation, new Denunciation(null, null, null, null, null, null, null));
        serviceLevel = requireNonNullElse(serviceLevel, new ServiceLevel(null, null, null, null, null));
    }

    /** The legal defaults, with no remote area. */
    static DeadlineProperties defaults() {
        return new DeadlineProperties(null, null, null, null, null, null);
    }

    /**
     * Luật Khiếu nại 2011.
     *
     * @param filing the filing limit (thời hiệu, Art. 9): from the day the complainant received the decision or
     *     knew of the act; shown to officers, never enforced (illness, disasters, travel or other obstacles extend it)
     */
    record Complaint(TimeLimit accept, Resolution firstTime, Resolution secondTime, TimeLimit filing) {
        Complaint {
            accept = requireNonNullElse(accept, TimeLimit.workingDays(10));
            filing = requireNonNullElse(filing, TimeLimit.calendarDays(90));
            firstTime = requireNonNullElse(
                    firstTime,
                    new Resolution(
                            TimeLimit.calendarDays(30),
                            TimeLimit.calendarDays(45),
                            TimeLimit.calendarDays(45),
                            TimeLimit.calendarDays(60)));
            secondTime = requireNonNullElse(
                    secondTime,
                    new Resolution(
                            TimeLimit.calendarDays(45),
                            TimeLimit.calendarDays(60),
                            TimeLimit.calendarDays(60),
                            TimeLimit.calendarDays(70)));
        }
    }

    /** Resolution limits of one complaint round, by complexity and remoteness. */
    record Resolution(TimeLimit normal, TimeLimit complex, TimeLimit remote, TimeLimit remoteComplex) {
        Resolution {
            if (normal == null || complex == null || remote == null || remoteComplex == null) {
                throw new IllegalArgumentException(
                        "a complaint resolution needs normal, complex, remote and remote-complex limits");
            }
        }
    }

    /**
     * Luật Tố cáo 2018.
     *
     * @param maxTotalDays no extension may take the resolution past this many days after acceptance
     */
    record Denunciation(
            TimeLimit accept,
            TimeLimit acceptComplex,
            TimeLimit resolve,
            TimeLimit extension,
            Integer maxExtensionsComplex,
            Integer maxExtensionsVeryComplex,
            Integer maxTotalDays) {
        Denunciation {
            accept = requireNonNullElse(accept, TimeLimit.workingDays(7));
            acceptComplex = requireNonNullElse(acceptComplex, TimeLimit.workingDays(10));
            resolve = requireNonNullElse(resolve, TimeLimit.calendarDays(30));
            extension = requireNonNullElse(extension, TimeLimit.calendarDays(30));
            maxExtensionsComplex = requireNonNullElse(maxExtensionsComplex, 1);
            maxExtensionsVeryComplex = requireNonNullElse(maxExtensionsVeryComplex, 2);
            maxTotalDays = requireNonNullElse(maxTotalDays, 90);
            List<String> problems = new ArrayList<>();
            if (maxExtensionsComplex < 0 || maxExtensionsVeryComplex < maxExtensionsComplex) {
                problems.add("extensions must satisfy 0 <= complex <= very complex");
            }
            if (maxExtensionsVeryComplex > DeadlinePolicy.MOST_DENUNCIATION_EXTENSIONS) {
                problems.add("Luật Tố cáo 2018 Art. 30 allows at most " + DeadlinePolicy.MOST_DENUNCIATION_EXTENSIONS
                        + " extensions");
            }
            if (resolve.unit() != extension.unit()) {
                problems.add("resolve and extension must be counted in the same unit");
            } else if (resolve.amount() + maxExtensionsVeryComplex * extension.amount() > maxTotalDays) {
                problems.add("resolve + " + maxExtensionsVeryComplex + " extensions exceed " + maxTotalDays + " days");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "danvan.feedback.deadlines.denunciation: " + String.join("; ", problems));
            }
        }
    }

    /**
     * The service level for recommendations, reports and every other kind answered by one: the deployment's, and the
     * units' own.
     *
     * @param units units whose own level differs (a province's applies to its communes and agencies unless one has its
     *     own); a limit a unit leaves out is the one of the unit above it, in the end the deployment's
     */
    record ServiceLevel(
            TimeLimit accept,
            TimeLimit resolve,
            TimeLimit emergencyAccept,
            TimeLimit emergencyResolve,
            List<UnitServiceLevel> units) {
        ServiceLevel {
            accept = requireNonNullElse(accept, TimeLimit.workingDays(3));
            resolve = requireNonNullElse(resolve, TimeLimit.workingDays(3));
            emergencyAccept = requireNonNullElse(emergencyAccept, TimeLimit.workingDays(1));
            emergencyResolve = requireNonNullElse(emergencyResolve, TimeLimit.workingDays(1));
            units = units == null ? List.of() : List.copyOf(units);
        }

        /** This level with a unit's own limits over it; those it leaves out stay. */
        ServiceLevel under(UnitServiceLevel own) {
            return new ServiceLevel(
                    requireNonNullElse(own.accept(), accept),
                    requireNonNullElse(own.resolve(), resolve),
                    requireNonNullElse(own.emergencyAccept(), emergencyAccept),
                    requireNonNullElse(own.emergencyResolve(), emergencyResolve),
                    List.of());
        }
    }

    /**
     * One unit's own service level ({@code service-level.units[i]}); a limit left out (null) is the unit above's.
     *
     * @param unit the unit's code: a province, a commune or an agency of the unit tree
     */
    record UnitServiceLevel(
            String unit, TimeLimit accept, TimeLimit resolve, TimeLimit emergencyAccept, TimeLimit emergencyResolve) {}
}
