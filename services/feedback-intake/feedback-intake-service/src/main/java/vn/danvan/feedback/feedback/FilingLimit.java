package vn.danvan.feedback.feedback;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * A complaint's filing limit (Luật Khiếu nại 2011, Art. 9), counted from the day its complainant received the
 * decision or knew of the act: for the officer to weigh, never a refusal by the platform (illness, disasters, travel
 * far away and other objective obstacles extend it).
 *
 * @param until the last day a complaint was within the limit, in Việt Nam's calendar
 * @param passedOnArrival the complaint arrived after that day
 */
@Schema(
        description = "Complaints with decisionKnownOn: the last day of the 90-day filing limit (Luật Khiếu nại 2011,"
                + " Art. 9; calendar days from the next day, a last day on a weekend or holiday moving to the next"
                + " working day) and whether the complaint arrived after it. Informative: the law extends the limit"
                + " by illness, disasters, travel far away or other objective obstacles; the officer decides"
                + " (rejection reason TIME_LIMIT_PASSED).")
public record FilingLimit(LocalDate until, boolean passedOnArrival) {}
