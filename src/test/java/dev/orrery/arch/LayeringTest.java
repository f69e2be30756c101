package dev.orrery.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The layers point down only, and nothing below the UI touches JavaFX. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orrery");
    }

    @Test
    void nothingOutsideTheUiImportsJavafx() {
        noClasses().that().resideOutsideOfPackage("dev.orrery.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.testfx..")
                .because("only the UI may touch JavaFX; the engine and below run headless and are tested with plain JUnit")
                .check(classes);
    }

    @Test
    void layersPointDownOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Launcher").definedBy("dev.orrery")
                .layer("UI").definedBy("dev.orrery.ui..")
                .layer("CLI").definedBy("dev.orrery.cli..")
                .layer("Engine").definedBy("dev.orrery.engine..")
                .layer("Workflows").definedBy("dev.orrery.proxy..", "dev.orrery.health..", "dev.orrery.deploy..",
                        "dev.orrery.provision..", "dev.orrery.sandbox..", "dev.orrery.adopt..", "dev.orrery.logs..",
                        "dev.orrery.metrics..", "dev.orrery.alerts..", "dev.orrery.tls..", "dev.orrery.ha..",
                        "dev.orrery.security..", "dev.orrery.lock..")
                .layer("Services").definedBy("dev.orrery.remote..", "dev.orrery.cloud..", "dev.orrery.store..")
                .layer("Model").definedBy("dev.orrery.model..", "dev.orrery.task..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("UI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("CLI").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("UI", "CLI", "Launcher")
                .whereLayer("Workflows").mayOnlyBeAccessedByLayers("Engine", "UI", "CLI", "Workflows")
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Workflows", "Engine", "UI", "CLI")
                .check(classes);
    }
}
