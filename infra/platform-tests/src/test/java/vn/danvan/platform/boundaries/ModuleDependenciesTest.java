package vn.danvan.platform.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.danvan.platform.Repository;

/** No module of services/ or gateway/ depends on another service's deployable artifact. */
class ModuleDependenciesTest {

    private final Path root = Repository.root();
    private final Set<String> serviceArtifacts =
            ModuleDependencies.serviceArtifacts(root, Repository.serviceModules(root));

    @Test
    void knowsTheFourDeployableServices() {
        assertThat(serviceArtifacts)
                .containsExactlyInAnyOrder(
                        "model-registry-service",
                        "dialogue-scheduler-service",
                        "feedback-intake-service",
                        "statistics-service");
    }

    @Test
    void noModuleDependsOnAnotherServicesDeployable() {
        List<Path> poms = ModuleDependencies.poms(root, "services", "gateway");

        assertThat(poms).hasSizeGreaterThanOrEqualTo(14);
        assertThat(poms)
                .allSatisfy(pom -> assertThat(ModuleDependencies.serviceArtifactDependencies(pom, serviceArtifacts))
                        .isEmpty());
    }

    @Test
    void acceptsAServiceReadingOtherServicesThroughTheirApis() throws Exception {
        assertThat(ModuleDependencies.serviceArtifactDependencies(
                        fixture("statistics-service-reads-apis.xml"), serviceArtifacts))
                .isEmpty();
    }

    @Test
    void reportsAServiceDependingOnAnotherServicesDeployable() throws Exception {
        assertThat(ModuleDependencies.serviceArtifactDependencies(
                        fixture("dialogue-scheduler-service-leaks.xml"), serviceArtifacts))
                .singleElement()
                .asString()
                .startsWith("dialogue-scheduler-service (")
                .endsWith("depends on model-registry-service: depend on its -api artifact instead");
    }

    private Path fixture(String name) throws Exception {
        return Path.of(getClass().getResource("/poms/" + name).toURI());
    }
}
