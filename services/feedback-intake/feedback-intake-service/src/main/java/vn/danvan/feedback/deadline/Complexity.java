package vn.danvan.feedback.deadline;

/** How hard a case is to resolve, as decided by the person resolving it; sets the time limit. */
public enum Complexity {
    /** thông thường */
    NORMAL,
    /** phức tạp */
    COMPLEX,
    /** đặc biệt phức tạp (denunciations only; a complaint treats it as complex) */
    VERY_COMPLEX
}
