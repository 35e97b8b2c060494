package vn.danvan.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The API document tells a client in which states each lifecycle action is allowed (its 409 answer): the states it
 * names are those the item checks, so the document cannot drift from the rules.
 */
class LifecycleApiDocumentationTest {

    private static final Pattern ACTION = Pattern.compile("/\\{id}/([a-z-]+)");

    @Test
    void each409NamesTheStatesTheActionIsAllowedIn() {
        Set<String> documented = new HashSet<>();
        for (Method method : FeedbackController.class.getDeclaredMethods()) {
            PostMapping post = method.getAnnotation(PostMapping.class);
            if (post == null || post.value().length == 0) {
                continue;
            }
            var matcher = ACTION.matcher(post.value()[0]);
            if (!matcher.matches() || !Feedback.isKnownAction(matcher.group(1))) {
                continue;
            }
            String action = matcher.group(1);
            String conflict = Arrays.stream(method.getAnnotationsByType(ApiResponse.class))
                    .filter(response -> response.responseCode().equals("409"))
                    .map(ApiResponse::description)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(action + " documents no 409"));

            Set<FeedbackStatus> named = EnumSet.noneOf(FeedbackStatus.class);
            for (FeedbackStatus status : FeedbackStatus.values()) {
                if (conflict.contains(status.name())) {
                    named.add(status);
                }
            }
            assertThat(named).as(action).isEqualTo(Feedback.ALLOWED.get(action));
            assertThat(conflict).as(action).contains("illegal-transition");
            documented.add(action);
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Feedback.ALLOWED.keySet());
    }
}
