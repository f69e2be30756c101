package dev.orrery.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseInstallerTest {

    @Test
    void aOneLineAnswerIsReadPastAWarningSudoPrintedBeforeIt() {
        assertThat(ReleaseInstaller.lastLine("sudo: unable to resolve host orrery-1-0: Temporary failure in name resolution\nsystemd\n"))
                .isEqualTo("systemd");
        assertThat(ReleaseInstaller.lastLine("supervisor")).isEqualTo("supervisor");
        assertThat(ReleaseInstaller.lastLine("")).isEmpty();
    }
}
