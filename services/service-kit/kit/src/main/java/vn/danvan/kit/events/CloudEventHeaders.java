package vn.danvan.kit.events;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the attributes travel as {@code ce_} headers (UTF-8
 * strings) and the record value is the event data. Set explicitly because Spring Cloud Function 5 no longer adds
 * the {@code ce_} prefix for Kafka by itself.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";

    /** The binding maps {@code datacontenttype} to the plain Kafka {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String JSON = "application/json";

    /** W3C trace context, carried so that a consumer's work joins the trace of the request that raised the event. */
    public static final String TRACEPARENT = "traceparent";

    /**
     * CloudEvents extension attribute (binary mode: {@code ce_} prefix) with the correlation id of the request that
     * raised the event, so a dashboard or support can follow one citizen's request across services.
     */
    public static final String CORRELATION_ID = "ce_correlationid";

    /** The trace baggage field (and HTTP header) the gateway puts the correlation id in. */
    public static final String CORRELATION_BAGGAGE = "X-Correlation-Id";

    private CloudEventHeaders() {}
}
