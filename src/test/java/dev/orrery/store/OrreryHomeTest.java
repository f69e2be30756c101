package dev.orrery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where Orrery keeps its files on each system, and ORRERY_HOME overriding all of them. */
class OrreryHomeTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void orreryHomeOverridesEverySystem() {
        Map<String, String> env = Map.of("ORRERY_HOME", "/tmp/orrery-test", "APPDATA", "C:/Users/ada/AppData/Roaming",
                "XDG_DATA_HOME", "/data");
        for (String os : new String[] {"Linux", "Windows 11", "Mac OS X"}) {
            assertThat(OrreryHome.resolve(env, os, HOME)).as(os).isEqualTo(Path.of("/tmp/orrery-test"));
        }
    }

    @Test
    void blankOrreryHomeIsIgnored() {
        assertThat(OrreryHome.resolve(Map.of("ORRERY_HOME", "  "), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/orrery"));
    }

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(OrreryHome.resolve(Map.of("XDG_DATA_HOME", "/data/ada"), "Linux", HOME))
                .isEqualTo(Path.of("/data/ada/orrery"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgIsUnsetOrBlank() {
        assertThat(OrreryHome.resolve(Map.of(), "Linux", HOME)).isEqualTo(Path.of("/home/ada/.local/share/orrery"));
        assertThat(OrreryHome.resolve(Map.of("XDG_DATA_HOME", ""), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/orrery"));
    }

    @Test
    void otherUnixLikeSystemsFollowXdgToo() {
        assertThat(OrreryHome.resolve(Map.of(), "FreeBSD", HOME)).isEqualTo(Path.of("/home/ada/.local/share/orrery"));
    }

    @Test
    void windowsUsesAppData() {
        // Path.of on this (Unix) test machine keeps the string as one name; what matters is that
        // APPDATA is the parent and "Orrery" the folder.
        Path p = OrreryHome.resolve(Map.of("APPDATA", "/Users/ada/AppData/Roaming"), "Windows 10", HOME);
        assertThat(p).isEqualTo(Path.of("/Users/ada/AppData/Roaming", "Orrery"));
    }

    @Test
    void windowsWithoutAppDataFallsBackToRoamingUnderHome() {
        assertThat(OrreryHome.resolve(Map.of(), "Windows Server 2022", HOME))
                .isEqualTo(Path.of("/home/ada/AppData/Roaming/Orrery"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(OrreryHome.resolve(Map.of("XDG_DATA_HOME", "/data"), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Orrery"));
    }

    @Test
    void folderNamesHangOffTheRoot() {
        OrreryHome home = new OrreryHome(Path.of("/tmp/oh"));
        assertThat(home.clustersDir()).isEqualTo(Path.of("/tmp/oh/clusters"));
        assertThat(home.knownHosts()).isEqualTo(Path.of("/tmp/oh/known_hosts"));
        assertThat(home.recentFile()).isEqualTo(Path.of("/tmp/oh/recent.json"));
    }
}
