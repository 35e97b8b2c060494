package vn.danvan.statistics.feedback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import vn.danvan.statistics.figures.FigureSource;

/** The feedback metrics of the HTTP contract, computed from the counters {@link FeedbackProjection} keeps. */
class FeedbackFigures implements FigureSource {

    /** Answer times of this many working days or more share the last histogram bucket. */
    static final int MAX_BUCKET = 365;

    /** Slice key for a missing kind, channel or category. */
    static final String NONE = FigureSource.NONE;

    private static final List<String> COUNTS = List.of(
            "received",
            "accepted",
            "rejected",
            "transferredIn",
            "transferredOut",
            "answered",
            "closed",
            "answeredOnTime",
            "answeredLate",
            "reopened",
            "withdrawn");

    static final List<String> METRICS = List.of(
            "feedback.received",
            "feedback.accepted",
            "feedback.rejected",
            "feedback.transferredIn",
            "feedback.transferredOut",
            "feedback.answered",
            "feedback.closed",
            "feedback.answeredOnTime",
            "feedback.answeredLate",
            "feedback.reopened",
            "feedback.withdrawn",
            "feedback.overdueNow",
            "feedback.pendingNow",
            "feedback.pendingAtEnd",
            "feedback.answerWorkingDaysAvg",
            "feedback.answerWorkingDaysP90",
            "feedback.ratingAvg",
            "feedback.onTimeRatePercent");

    private static final Map<String, String> KIND_VI = Map.of(
            "OPINION", "Ý kiến",
            "RECOMMENDATION", "Kiến nghị",
            "REPORT", "Phản ánh",
            "COMPLAINT", "Khiếu nại",
            "DENUNCIATION", "Tố cáo",
            "COMPLAINT_DENUNCIATION", "Khiếu nại, tố cáo",
            "CONSULTATION_COMMENT", "Góp ý dự thảo",
            "MODEL_ASSESSMENT", "Đánh giá mô hình");
    private static final Map<String, String> KIND_EN = Map.of(
            "OPINION", "Opinion",
            "RECOMMENDATION", "Recommendation",
            "REPORT", "Report",
            "COMPLAINT", "Complaint",
            "DENUNCIATION", "Denunciation",
            "COMPLAINT_DENUNCIATION", "Complaints and denunciations",
            "CONSULTATION_COMMENT", "Consultation comment",
            "MODEL_ASSESSMENT", "Model assessment");
    private static final Map<String, String> CHANNEL_VI = Map.of(
            "WEB", "Cổng thông tin",
            "APP", "Ứng dụng",
            "HOTLINE", "Đường dây nóng",
            "LETTER", "Đơn thư",
            "RECEPTION", "Tiếp công dân",
            "DIALOGUE", "Đối thoại",
            "IMPORT", "Nhập từ văn bản giấy");
    private static final Map<String, String> CHANNEL_EN = Map.of(
            "WEB", "Web portal",
            "APP", "Mobile app",
            "HOTLINE", "Hotline",
            "LETTER", "Letter",
            "RECEPTION", "Citizen reception",
            "DIALOGUE", "Dialogue",
            "IMPORT", "Paper import");
    private static final Map<String, String> CATEGORY_VI = Map.of(
            "land",
            "Đất đai",
            "environment",
            "Môi trường",
            "infrastructure",
            "Hạ tầng",
            "administrative-procedures",
            "Thủ tục hành chính",
            "security-order",
            "An ninh, trật tự",
            "social-policy",
            "Chính sách xã hội",
            "health-education",
            "Y tế, giáo dục",
            "other",
            "Khác",
            NONE,
            "Không xác định");
    private static final Map<String, String> CATEGORY_EN = Map.of(
            "land",
            "Land",
            "environment",
            "Environment",
            "infrastructure",
            "Infrastructure",
            "administrative-procedures",
            "Administrative procedures",
            "security-order",
            "Security and order",
            "social-policy",
            "Social policy",
            "health-education",
            "Health and education",
            "other",
            "Other",
            NONE,
            "Unspecified");

    @Override
    public String section() {
        return FeedbackProjection.SECTION;
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public Map<String, String> slices() {
        Map<String, String> slices = new LinkedHashMap<>();
        slices.put("kind", "byKind");
        slices.put("channel", "byChannel");
        slices.put("category", "byCategory");
        return slices;
    }

    @Override
    public String label(String dimension, String value, boolean english) {
        Map<String, String> labels =
                switch (dimension) {
                    case "kind" -> english ? KIND_EN : KIND_VI;
                    case "channel" -> english ? CHANNEL_EN : CHANNEL_VI;
                    case "category" -> english ? CATEGORY_EN : CATEGORY_VI;
                    default -> Map.of();
                };
        return labels.getOrDefault(value, value);
    }

    /**
     * Up to now the running total of {@code pendingChange} is the pending gauge itself (both move together in
     * FeedbackProjection), for the unit and each slice.
     */
    @Override
    public Document toEndFromGauges(Document gauges) {
        Document flows = new Document();
        if (gauges == null) {
            return flows;
        }
        gauges.forEach((key, value) -> {
            if (value instanceof Document slice) {
                flows.put(key, toEndFromGauges(slice));
            } else if (key.equals(FeedbackProjection.PENDING)) {
                flows.put(FeedbackProjection.PENDING_CHANGE, value);
            }
        });
        return flows;
    }

    @Override
    public Map<String, Number> figures(Document counters, Document now, Document toEnd) {
        Map<String, Number> figures = new LinkedHashMap<>();
        for (String count : COUNTS) {
            figures.put("feedback." + count, number(counters, count));
            if (count.equals("withdrawn")) {
                figures.put("feedback.overdueNow", Math.max(0, number(now, FeedbackProjection.OVERDUE)));
                figures.put("feedback.pendingNow", Math.max(0, number(now, FeedbackProjection.PENDING)));
                if (toEnd != null) {
                    // what was pending at the period's end: every item that became pending up to then less every
                    // one that stopped being pending (for a period not over yet, what is pending now)
                    figures.put("feedback.pendingAtEnd", Math.max(0, number(toEnd, FeedbackProjection.PENDING_CHANGE)));
                }
            }
        }
        Document days = counters.get("answerDays") instanceof Document d ? d : new Document();
        long answers = number(days, "count");
        figures.put(
                "feedback.answerWorkingDaysAvg", answers == 0 ? null : round(number(days, "sum") / (double) answers));
        figures.put("feedback.answerWorkingDaysP90", answers == 0 ? null : p90(days, answers));
        long ratings = number(counters, "ratingCount");
        figures.put(
                "feedback.ratingAvg", ratings == 0 ? null : round(number(counters, "ratingSum") / (double) ratings));
        long onTime = number(counters, "answeredOnTime");
        long late = number(counters, "answeredLate");
        figures.put("feedback.onTimeRatePercent", onTime + late == 0 ? null : round(100.0 * onTime / (onTime + late)));
        return figures;
    }

    /** Nearest-rank 90th percentile of the working-day histogram. */
    private static Number p90(Document days, long answers) {
        Document histogram = days.get("h") instanceof Document h ? h : new Document();
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        histogram.forEach((bucket, n) -> buckets.put(Integer.parseInt(bucket), ((Number) n).longValue()));
        long rank = (long) Math.ceil(0.9 * answers);
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return bucket.getKey();
            }
        }
        return buckets.isEmpty() ? null : buckets.lastKey();
    }

    private static long number(Document doc, String field) {
        Object value = doc == null ? null : doc.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /** A category as a field name: no dots or dollar signs, never empty. */
    static String sliceKey(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return value.strip().replace('.', '_').replace('$', '_');
    }
}
