package dev.orrery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTest {
    @Test
    void aClusterFileAloneOpensTheWindowAnythingElseIsTheCommandLine() {
        assertThat(Launcher.opensWindow(new String[]{"assets/examples/crater.json"})).isTrue();
        assertThat(Launcher.opensWindow(new String[]{"validate", "assets/examples/crater.json"})).isFalse();
        assertThat(Launcher.opensWindow(new String[]{"--version"})).isFalse();
        assertThat(Launcher.opensWindow(new String[]{"missing.json"})).isFalse();
    }
}
