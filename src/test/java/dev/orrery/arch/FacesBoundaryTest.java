package dev.orrery.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orrery.engine.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The faces (window and command line) reach servers only through the engine: they do not build
 * SSH or local hosts themselves, the window uses nothing of {@code remote} but its prompts and the
 * exception it explains, and work runs only as the engine's jobs — the window writes none.
 */
class FacesBoundaryTest {

    private static final java.util.List<Class<?>> HOSTS = java.util.List.of(dev.orrery.remote.SshHost.class,
            dev.orrery.remote.LocalHost.class, dev.orrery.remote.SshConnector.class, dev.orrery.remote.SshHosts.class);

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orrery");
    }

    @Test
    void theFacesBuildNoHosts() {
        noClasses().that().resideInAnyPackage("dev.orrery.ui..", "dev.orrery.cli..")
                .should().callConstructorWhere(DescribedPredicate.describe("a constructor of SshHost, LocalHost, SshConnector or SshHosts",
                        (JavaConstructorCall c) -> HOSTS.stream().anyMatch(h -> c.getTarget().getOwner().isEquivalentTo(h))))
                .because("which host a server is (a droplet over SSH, a sandbox process here) is the engine's wiring (engine.Orrery)")
                .check(classes);
    }

    @Test
    void theWindowUsesOnlyThePromptsOfRemote() {
        noClasses().that().resideInAPackage("dev.orrery.ui..")
                .should().dependOnClassesThat(DescribedPredicate.describe("remote besides the prompts",
                        (JavaClass c) -> c.getPackageName().equals("dev.orrery.remote")
                                && !c.isEquivalentTo(dev.orrery.remote.HostKeyPrompt.class)
                                && !c.isEquivalentTo(dev.orrery.remote.PassphrasePrompt.class)
                                && !c.isEquivalentTo(dev.orrery.remote.HostKeyRejectedException.class)))
                .because("the window asks about host keys and passphrases and explains a refused key; everything else of SSH is the engine's")
                .check(classes);
    }

    @Test
    void theWindowWritesNoJobs() {
        noClasses().that().resideInAPackage("dev.orrery.ui..")
                .should().implement(Job.class)
                .because("every action the window offers is one of the engine's jobs, the same the command line runs")
                .check(classes);
    }
}
