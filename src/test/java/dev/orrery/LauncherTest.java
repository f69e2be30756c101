package dev.orrery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTest {
    @TempDir
    Path home;

    @Test
    void aClusterFileAloneOpensTheWindowAnythingElseIsTheCommandLine() {
        assertThat(Launcher.opensWindow(new String[]{"assets/examples/crater.json"})).isTrue();
        assertThat(Launcher.opensWindow(new String[]{"validate", "assets/examples/crater.json"})).isFalse();
        assertThat(Launcher.opensWindow(new String[]{"--version"})).isFalse();
        assertThat(Launcher.opensWindow(new String[]{"missing.json"})).isFalse();
    }

    @Test
    void onLinuxTheWindowNeedsADisplay() {
        assertThat(Launcher.windowProblem(Map.of(), "Linux", null)).contains("needs a display");
        assertThat(Launcher.windowProblem(Map.of("DISPLAY", " "), "Linux", null)).contains("needs a display");
        assertThat(Launcher.windowProblem(Map.of("DISPLAY", ":0"), "Linux", null)).isNull();
        assertThat(Launcher.windowProblem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isNull();
        assertThat(Launcher.windowProblem(Map.of(), "Linux", "Monocle")).isNull();
        assertThat(Launcher.windowProblem(Map.of(), "Mac OS X", null)).isNull();
    }

    /** The real program, started as a user would with no display: the usage and why, never a stack trace. */
    @Test
    void withNoDisplayTheProgramSaysSoWithTheUsage() throws Exception {
        for (String[] args : new String[][]{{}, {"assets/examples/crater.json"}}) {
            Result r = launch(Map.of(), args);
            assertThat(r.exit).as(r.err).isEqualTo(Launcher.NO_WINDOW);
            assertThat(r.err).startsWith("orrery: the window needs a display").contains("Usage: orrery").contains("validate")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** A display that is set but not there: JavaFX's own error, said in one line. */
    @Test
    void anUnreachableDisplayIsSaidInOneLine() throws Exception {
        Result r = launch(Map.of("DISPLAY", ":97531"), new String[]{});
        assertThat(r.exit).as(r.err).isEqualTo(Launcher.NO_WINDOW);
        assertThat(r.err).contains("orrery: the window could not open (Unable to open DISPLAY)").contains("Usage: orrery")
                .doesNotContain("Exception in thread").doesNotContain("\tat ");
    }

    record Result(int exit, String err) {
    }

    private Result launch(Map<String, String> extraEnv, String[] args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("ORRERY_HOME", home.toString());
        pb.environment().put("ORRERY_SANDBOX", "off");
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), err);
    }
}
