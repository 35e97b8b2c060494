package vn.danvan.feedback.feedback;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-deployment settings of the feedback feature: {@code danvan.feedback.*}.
 *
 * @param categories the category list citizens choose from
 * @param routing rules that send a category to an agency instead of the commune
 * @param reopenWindow how long after an answer the citizen may reopen it
 * @param watchInterval how often the deadline watch looks for due-soon and overdue items
 */
@ConfigurationProperties("danvan.feedback")
public record FeedbackProperties(
        List<String> categories, List<RoutingRule> routing, Duration reopenWindow, Duration watchInterval) {

    public FeedbackProperties {
        categories = categories == null ? List.of() : List.copyOf(categories);
        routing = routing == null ? List.of() : List.copyOf(routing);
        reopenWindow = reopenWindow == null ? Duration.ofDays(30) : reopenWindow;
        watchInterval = watchInterval == null ? Duration.ofMinutes(1) : watchInterval;
    }

    /**
     * Items of {@code category} about a commune of {@code province} (any province when absent) go to {@code unit}.
     */
    public record RoutingRule(String category, String province, String unit) {}
}
