package vn.danvan.feedback.api.events.v1;

/** What a citizen sent (DOMAIN.md: ý kiến, kiến nghị, phản ánh, khiếu nại, tố cáo, góp ý). */
public enum FeedbackKind {
    /** ý kiến */
    OPINION,
    /** kiến nghị */
    RECOMMENDATION,
    /** phản ánh */
    REPORT,
    /** khiếu nại (Luật Khiếu nại 2011) */
    COMPLAINT,
    /** tố cáo (Luật Tố cáo 2018): the denouncer's identity is protected */
    DENUNCIATION,
    /** góp ý dự thảo: a comment in a consultation */
    CONSULTATION_COMMENT,
    /** a citizen's rating of a mobilization model */
    MODEL_ASSESSMENT
}
