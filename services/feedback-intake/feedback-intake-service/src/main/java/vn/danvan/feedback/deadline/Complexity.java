package vn.danvan.feedback.deadline;

/** How complex a case was decided to be; complex cases get longer or extensible time limits. */
public enum Complexity {
    NORMAL,
    COMPLEX,
    VERY_COMPLEX
}
