package vn.danvan.feedback.api.events.v1;

/** A citizen's position on one article of a draft document in a consultation (góp ý dự thảo). */
public enum CommentStance {
    /** tán thành */
    AGREE,
    /** không tán thành */
    DISAGREE,
    /** đề xuất sửa đổi: the comment's text says how */
    PROPOSE_CHANGE
}
