package vn.danvan.platform.boundaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Maven-level boundaries: a module never depends on another service's deployable (-service) artifact.
 * Sharing goes through the -api artifacts (statistics reads every service's events through them).
 */
final class ModuleDependencies {

    private ModuleDependencies() {}

    /** Every pom.xml under the given directories, skipping build output and test fixtures. */
    static List<Path> poms(Path root, String... directories) {
        List<Path> poms = new ArrayList<>();
        for (String directory : directories) {
            try (Stream<Path> files = Files.walk(root.resolve(directory))) {
                files.filter(f -> f.getFileName().toString().equals("pom.xml"))
                        .filter(f -> {
                            for (Path segment : root.relativize(f)) {
                                String name = segment.toString();
                                if (name.equals("target") || name.equals("src") || name.startsWith(".")) {
                                    return false;
                                }
                            }
                            return true;
                        })
                        .sorted()
                        .forEach(poms::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return poms;
    }

    /** The artifactIds of the deployable services: services/<svc>/<svc>-service. */
    static Set<String> serviceArtifacts(Path root, List<String> serviceModules) {
        Set<String> artifacts = new TreeSet<>();
        serviceModules.forEach(
                module -> artifacts.add(artifactId(root.resolve(module).resolve("pom.xml"))));
        return artifacts;
    }

    /** One message per dependency of this pom (main or profile dependencies) on another service's artifact. */
    static List<String> serviceArtifactDependencies(Path pom, Set<String> serviceArtifacts) {
        Element project = document(pom);
        String self = childText(project, "artifactId");
        List<String> violations = new ArrayList<>();
        List<Element> dependencyLists = new ArrayList<>(children(project, "dependencies"));
        children(project, "profiles").forEach(profiles -> children(profiles, "profile")
                .forEach(profile -> dependencyLists.addAll(children(profile, "dependencies"))));
        for (Element dependencies : dependencyLists) {
            for (Element dependency : children(dependencies, "dependency")) {
                String artifact = childText(dependency, "artifactId");
                if (serviceArtifacts.contains(artifact) && !artifact.equals(self)) {
                    violations.add(
                            self + " (" + pom + ") depends on " + artifact + ": depend on its -api artifact instead");
                }
            }
        }
        return violations;
    }

    static String artifactId(Path pom) {
        return childText(document(pom), "artifactId");
    }

    private static Element document(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(pom.toFile())
                    .getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static String childText(Element parent, String name) {
        List<Element> matches = children(parent, name);
        return matches.isEmpty() ? "" : matches.getFirst().getTextContent().trim();
    }
}
