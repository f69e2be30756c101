package dev.orrery.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The rendered unit, read by systemd's own checker ({@code systemd-analyze verify}, apt package systemd). */
class SystemdUnitTest {
    @TempDir
    Path tmp;

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed (apt-get install systemd): the unit was NOT verified");
        AppLayout layout = new AppLayout(tmp.toString(), "crater");
        SystemdService svc = new SystemdService(layout, 20);
        Files.createDirectories(Path.of(layout.bin()));
        Files.write(Path.of(layout.launcher()), Scripts.launcher(layout));
        Path launcher = Path.of(layout.launcher());
        launcher.toFile().setExecutable(true, false);
        Path unit = tmp.resolve(layout.unitName());
        Files.write(unit, svc.unit());

        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();

        assertThat(out).as(out).doesNotContain(layout.unitName() + ":");
        assertThat(exit).as(out).isZero();
    }

    @Test
    void theUnitRunsTheLauncherAsTheAppsUserAndStopsGracefully() {
        String unit = new String(new SystemdService(AppLayout.of("crater"), 25).unit(), StandardCharsets.UTF_8);
        assertThat(unit).contains("User=crater\n", "Group=crater\n", "ExecStart=/opt/crater/bin/orrery-run\n",
                "Restart=always\n", "KillMode=mixed\n", "TimeoutStopSec=25\n", "NoNewPrivileges=true\n");
        assertThat(unit).doesNotContain("User=root");
    }

    @Test
    void anUnsafeBaseIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AppLayout("/opt/a b", "crater"))
                .hasMessageContaining("white space");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppLayout.of("Crater;rm"))
                .hasMessageContaining("unix user");
    }
}
