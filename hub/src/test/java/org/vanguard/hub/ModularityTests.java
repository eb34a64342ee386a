package org.vanguard.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;

/**
 * The hub's feature packages as Spring Modulith application modules: no cycles between them, no module reaching past
 * another's API, and {@code web} depending on no feature. The module documentation in {@code docs/modules} is written
 * from the same model on every run, so a change of structure shows up as a change of those files in review.
 */
class ModularityTests {

    /** Where the documentation goes, from the hub module's directory (the tests' working directory). */
    private static final Path DOCS = Path.of("../docs/modules");

    private final ApplicationModules modules = ApplicationModules.of(HubApplication.class);

    @Test
    @DisplayName("the hub's features are modules without cycles, each used only through its API")
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    /**
     * C4 component diagrams (all modules, then each with its neighbours) and a canvas per module listing its beans,
     * package-private ones included since most handlers are. Written file by file rather than with
     * {@code writeDocumentation()}, which would also leave module metadata in {@code target/classes} and so in the jar.
     */
    @Test
    @DisplayName("the module diagrams and canvases in docs/modules are written from the verified model")
    void documentsTheModules() throws IOException {
        List<Path> previous;
        try (Stream<Path> files = Files.exists(DOCS) ? Files.list(DOCS) : Stream.empty()) {
            previous = files.toList();
        }
        for (Path file : previous) {
            Files.delete(file);
        }
        DiagramOptions diagrams =
                DiagramOptions.defaults().withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE);
        CanvasOptions canvases = CanvasOptions.defaults().revealInternals();
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml(diagrams)
                .writeIndividualModulesAsPlantUml(diagrams)
                .writeModuleCanvases(canvases)
                .writeAggregatingDocument(diagrams, canvases);
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path diagram :
                    files.filter(file -> file.toString().endsWith(".puml")).toList()) {
                Files.write(diagram, inStableOrder(Files.readAllLines(diagram)));
            }
        }
    }

    /**
     * The diagram with each run of elements or of relationships sorted: the Documenter writes relationships in an order
     * that changes from run to run, and PlantUML draws the same picture whatever their order, so sorting keeps the
     * committed files still until the structure itself changes.
     */
    static List<String> inStableOrder(List<String> lines) {
        List<String> stable = new ArrayList<>(lines.size());
        List<String> run = new ArrayList<>();
        String runKind = null;
        for (String line : lines) {
            String kind = Stream.of("Rel(", "Component(")
                    .filter(line.stripLeading()::startsWith)
                    .findFirst()
                    .orElse(null);
            if (!Objects.equals(kind, runKind)) {
                Collections.sort(run);
                stable.addAll(run);
                run.clear();
                runKind = kind;
            }
            if (kind == null) {
                stable.add(line);
            } else {
                run.add(line);
            }
        }
        Collections.sort(run);
        stable.addAll(run);
        return stable;
    }
}
