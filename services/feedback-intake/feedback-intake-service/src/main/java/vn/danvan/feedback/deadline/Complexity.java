package vn.danvan.feedback.deadline;

<<<<<<< HEAD
/** How complex a case was decided to be; complex cases get longer or extensible time limits. */
public enum Complexity {
    NORMAL,
    COMPLEX,
=======
/** How hard a case is to resolve, as decided by the person resolving it; sets the time limit. */
public enum Complexity {
    /** thông thường */
    NORMAL,
    /** phức tạp */
    COMPLEX,
    /** đặc biệt phức tạp (denunciations only; a complaint treats it as complex) */
>>>>>>> fb-deadline
    VERY_COMPLEX
}
