package vn.danvan.platform.boundaries;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The services' module boundaries as ArchUnit rules, parameterised by the packages so that a fixture
 * can prove the rules fail. A service may use another service only through that service's published
 * api packages (event types, views); the kit stays free of every service.
 */
final class ServiceBoundaries {

    private ServiceBoundaries() {}

    /** For each service under base (base.models, base.dialogues, ...): no use of another service's internals. */
    static ArchRule servicesMeetOnlyThroughApis(String base, List<String> services) {
        List<ArchRule> rules = services.stream()
                .map(service -> {
                    List<String> others =
                            services.stream().filter(s -> !s.equals(service)).toList();
                    DescribedPredicate<JavaClass> internals = resideInAnyPackage(packages(base, others, ".."))
                            .and(not(resideInAnyPackage(packages(base, others, ".api.."))))
                            .as("classes of " + others + " outside their api packages");
                    return (ArchRule) noClasses()
                            .that()
                            .resideInAPackage(base + "." + service + "..")
                            .should()
                            .dependOnClassesThat(internals)
                            .because("a service changes its internals freely; others see only its api");
                })
                .toList();
        return CompositeArchRule.of(rules);
    }

    /** The kit is shared by every service, so it must not know any of them. */
    static ArchRule kitKnowsNoService(String kit, String base, List<String> services) {
        return noClasses()
                .that()
                .resideInAPackage(kit + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages(base, services, ".."))
                .because("the kit is shared by all services and must not depend on any of them");
    }

    private static String[] packages(String base, List<String> services, String suffix) {
        return services.stream().map(s -> base + "." + s + suffix).toArray(String[]::new);
    }
}
