package vn.danvan.feedback.deadline;

/** How the days of a time limit are counted. */
enum DeadlineUnit {
    /**
     * Only working days count, from the first working day after the start (see {@link
     * WorkingCalendar#plusWorkingDays}).
     */
    WORKING_DAYS,
    /**
     * Every day counts from the day after the start; a period ending on a weekend or holiday ends on
     * the next working day (Bộ luật Dân sự 2015, Art. 148(5)).
     */
    CALENDAR_DAYS
}
