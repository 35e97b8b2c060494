package vn.danvan.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import vn.danvan.feedback.api.events.v1.FeedbackKind;

/**
 * Every code the tracking page shows has its words in both languages: a status, kind, rejection reason or timeline
 * step added without them fails here, not on a citizen's screen as a bare code.
 */
class TrackingLabelsTest {

    private static final Locale VIETNAMESE = Locale.of("vi");

    /** The keys the tracking page looks up, one per code it can show. */
    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (FeedbackStatus status : FeedbackStatus.values()) {
            keys.add("state." + status.name());
        }
        for (FeedbackKind kind : FeedbackKind.values()) {
            keys.add("kind." + kind.name());
        }
        for (RejectionReason reason : RejectionReason.values()) {
            keys.add("rejection-reason." + reason.name());
        }
        for (String step : Feedback.ALLOWED.keySet()) {
            keys.add("action." + step);
        }
        for (String step : Feedback.OTHER_STEPS) {
            keys.add("action." + step);
        }
        return keys;
    }

    @Test
    void everyStatusKindRejectionReasonAndStepHasItsWordsInBothFiles() throws IOException {
        Properties vietnamese = load("messages.properties");
        Properties english = load("messages_en.properties");
        for (String key : keys()) {
            assertThat(vietnamese.getProperty(key))
                    .as("messages.properties: " + key)
                    .isNotBlank();
            assertThat(english.getProperty(key))
                    .as("messages_en.properties: " + key)
                    .isNotBlank();
        }
    }

    @Test
    void theLabelsAreWordsOfEachLanguageNotTheCodes() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        // as the service's own (kit-defaults.properties): Vietnamese never falls through to the JVM's locale
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        TrackingLabels labels = new TrackingLabels(messages, null);

        assertThat(labels.status(FeedbackStatus.IN_PROGRESS, VIETNAMESE)).isEqualTo("đang xử lý");
        assertThat(labels.status(FeedbackStatus.IN_PROGRESS, Locale.ENGLISH)).isEqualTo("in progress");
        assertThat(labels.kind(FeedbackKind.COMPLAINT, VIETNAMESE)).isEqualTo("khiếu nại");
        assertThat(labels.kind(FeedbackKind.COMPLAINT, Locale.ENGLISH)).isEqualTo("complaint");
        assertThat(labels.action("receive", VIETNAMESE)).isEqualTo("tiếp nhận");
        // an apostrophe of the English file is written once on the page
        assertThat(labels.rejectionReason("ANONYMOUS_COMPLAINT", Locale.ENGLISH))
                .isEqualTo("the complaint does not give the complainant's name");
        for (FeedbackStatus status : FeedbackStatus.values()) {
            assertThat(labels.status(status, VIETNAMESE)).isNotEqualTo(status.name());
            assertThat(labels.status(status, Locale.ENGLISH))
                    .isNotEqualTo(labels.status(status, VIETNAMESE))
                    .isNotEqualTo(status.name());
        }
        for (FeedbackKind kind : FeedbackKind.values()) {
            assertThat(labels.kind(kind, Locale.ENGLISH))
                    .isNotEqualTo(labels.kind(kind, VIETNAMESE))
                    .isNotEqualTo(kind.name());
        }
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(labels.rejectionReason(reason.name(), Locale.ENGLISH))
                    .isNotEqualTo(labels.rejectionReason(reason.name(), VIETNAMESE))
                    .isNotEqualTo(reason.name());
        }
    }

    @Test
    void englishOnlyWhenTheCallerRanksItAboveVietnamese() {
        assertThat(TrackingLabels.localeFor(null)).isEqualTo(VIETNAMESE);
        assertThat(TrackingLabels.localeFor("en")).isEqualTo(Locale.ENGLISH);
        assertThat(TrackingLabels.localeFor("en-US,en;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(TrackingLabels.localeFor("vi,en;q=0.8")).isEqualTo(VIETNAMESE);
        assertThat(TrackingLabels.localeFor("fr")).isEqualTo(VIETNAMESE);
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(
                TrackingLabelsTest.class.getClassLoader().getResourceAsStream(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
