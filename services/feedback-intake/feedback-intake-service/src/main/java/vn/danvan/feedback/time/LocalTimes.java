package vn.danvan.feedback.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * An instant shown to a person, as they read a clock and a calendar in Việt Nam: "11:05" and "07/12/2026", never
 * "2026-12-07T04:05:31Z". Messages take both as arguments and put the words around them ("11:05 ngày 07/12/2026",
 * "11:05 on 07/12/2026"); the API's members keep ISO instants for clients.
 */
public final class LocalTimes {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private LocalTimes() {}

    /** The message arguments of an instant: its time of day, then its day, in Việt Nam. */
    public static Object[] clockAndDay(Instant instant) {
        var local = instant.atZone(VIETNAM);
        return new Object[] {CLOCK.format(local), DAY.format(local)};
    }
}
