package vn.danvan.platform.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Module boundaries over the services' compiled classes (their plain jars are on this module's test classpath). */
class ServiceBoundariesTest {

    private static final List<String> SERVICES = List.of("models", "dialogues", "feedback", "statistics");

    private static final String FIXTURE = "vn.danvan.platform.boundaries.fixture";

    private static JavaClasses platform;

    @BeforeAll
    static void importPlatformClasses() {
        platform = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.danvan");
    }

    @Test
    void importsEveryServiceAndTheKit() {
        for (String service : SERVICES) {
            assertThat(platform.stream().anyMatch(c -> c.getPackageName().startsWith("vn.danvan." + service)))
                    .as("classes of vn.danvan.%s on the classpath", service)
                    .isTrue();
        }
        assertThat(platform.stream().anyMatch(c -> c.getPackageName().startsWith("vn.danvan.kit")))
                .isTrue();
    }

    @Test
    void servicesUseEachOtherOnlyThroughTheirApis() {
        ServiceBoundaries.servicesMeetOnlyThroughApis("vn.danvan", SERVICES).check(platform);
    }

    @Test
    void kitDependsOnNoService() {
        // the gateway too, though its classes are not on this classpath: the rule names packages, not classes
        List<String> appPackages = List.of("models", "dialogues", "feedback", "statistics", "gateway");
        ServiceBoundaries.kitKnowsNoService("vn.danvan.kit", "vn.danvan", appPackages)
                .check(platform);
    }

    @Test
    void reportsAServiceReachingIntoAnothersInternals() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

        EvaluationResult result = ServiceBoundaries.servicesMeetOnlyThroughApis(
                        FIXTURE, List.of("models", "dialogues", "statistics"))
                .evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).isNotEmpty().allSatisfy(detail -> assertThat(detail)
                .contains(FIXTURE + ".dialogues.DialoguePlanner")
                .contains(FIXTURE + ".models.ModelStore"));
    }

    @Test
    void reportsTheKitUsingAService() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

        EvaluationResult result = ServiceBoundaries.kitKnowsNoService(
                        FIXTURE + ".kit", FIXTURE, List.of("models", "dialogues", "statistics"))
                .evaluate(fixture);

        assertThat(result.getFailureReport().getDetails()).isNotEmpty().allSatisfy(detail -> assertThat(detail)
                .contains(FIXTURE + ".kit.EnvelopeWriter")
                .contains(FIXTURE + ".models.api.ModelView"));
    }
}
