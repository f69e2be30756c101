package dev.orrery.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHosts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * One wiring factory ({@code engine.Orrery}) builds SSH access for the window and the command
 * line alike; the faces pass only their prompts.
 */
class WiringBoundaryTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orrery");
    }

    @Test
    void onlyTheEngineBuildsSshConnectors() {
        noClasses().that().resideOutsideOfPackages("dev.orrery.engine..", "dev.orrery.remote..")
                .should().callConstructor(SshConnector.class, dev.orrery.remote.SshSettings.class, dev.orrery.remote.OrreryKnownHosts.class,
                        dev.orrery.remote.HostKeyPrompt.class, dev.orrery.remote.PassphrasePrompt.class, dev.orrery.remote.SshAgent.class)
                .because("the engine's wiring factory (engine.Orrery) is the one place SSH access is put together")
                .check(classes);
    }

    @Test
    void theFacesDoNotPoolSshConnectionsThemselves() {
        noClasses().that().resideInAnyPackage("dev.orrery.ui..", "dev.orrery.cli..")
                .should().callConstructor(SshHosts.class, SshConnector.class, java.util.concurrent.ScheduledExecutorService.class)
                .because("the window and the command line get their SSH pools from engine.Orrery")
                .check(classes);
    }
}
