package dev.orrery.ha;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.Privilege;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The setup installs keepalived (and curl) with apt-get where they are missing: the real shell
 * lines run by {@code /bin/sh} on this machine with a PATH holding only stand-in programs, so what
 * is checked is the script Orrery sends, its fallback to {@code apt-get update}, and the error it
 * gives when apt fails.
 */
class FailoverInstallTest {
    @TempDir
    Path dir;

    private final Cluster cluster = FailoverClusters.crater(BalancerKind.NGINX, "eth1");
    private final Server lb1 = cluster.server("lb-1").orElseThrow();
    private final List<String> logged = new ArrayList<>();

    /** A balancer whose PATH is {@code bin} only; commands run as Orrery writes them. */
    private Host host(Path bin) {
        return new Host() {
            @Override
            public String name() {
                return "lb-1";
            }

            @Override
            public ExecResult exec(Command command, LineListener output) {
                try {
                    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command.line()).redirectErrorStream(true);
                    pb.environment().clear();
                    pb.environment().put("PATH", bin.toString());
                    Process p = pb.start();
                    List<String> lines = new ArrayList<>();
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l; (l = r.readLine()) != null; ) {
                            lines.add(l);
                            output.line(l);
                        }
                    }
                    return new ExecResult(p.waitFor(), lines);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void upload(Path local, String remotePath, UploadListener progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] content, String remotePath) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }

    private final Progress progress = new Progress() {
        @Override public void step(String name) { logged.add("» " + name); }
        @Override public void fraction(double done) { }
        @Override public void log(String line) { logged.add(line); }
        @Override public boolean cancelled() { return false; }
    };

    private Path bin(String... programs) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("sh"), "#!/bin/sh\nexec /bin/sh \"$@\"\n"); // every server has a shell
        for (String p : programs) {
            script(bin.resolve(p), "#!/bin/sh\nexit 0\n");
        }
        return bin;
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A stand-in apt-get: logs each call; install fails until update ran (when {@code updateHelps}), then creates the programs. */
    private Path apt(Path bin, boolean updateHelps) throws IOException {
        Path log = dir.resolve("apt.log");
        script(bin.resolve("apt-get"), """
                #!/bin/sh
                echo "apt-get $*" >> '%1$s'
                case "$1" in
                  update) %2$s ;;
                  install)
                    if [ ! -e '%3$s/updated' ]; then echo "E: Unable to locate package keepalived"; exit 100; fi
                    for p in "$@"; do case "$p" in keepalived|curl) printf '#!/bin/sh\\nexit 0\\n' > '%4$s/'"$p"; /bin/chmod +x '%4$s/'"$p" ;; esac; done ;;
                esac
                """.formatted(log, updateHelps ? ": > '" + dir + "/updated'" : "true", dir, bin));
        return log;
    }

    private FailoverSetup setup(Path bin) {
        return new FailoverSetup(s -> host(bin), null, "https://api.digitalocean.com", HaLayout.droplet(), null, ip -> { });
    }

    @Test
    void aMissingKeepalivedIsInstalledReadingThePackageListsOnceWhenTheFirstTryFails() throws Exception {
        Path bin = bin("curl");
        Path log = apt(bin, true);

        setup(bin).ensureInstalled(lb1, progress);

        assertThat(Files.readAllLines(log)).containsExactly(
                "apt-get install -y -q -o DPkg::Lock::Timeout=120 keepalived",
                "apt-get update -q -o DPkg::Lock::Timeout=120",
                "apt-get install -y -q -o DPkg::Lock::Timeout=120 keepalived");
        assertThat(bin.resolve("keepalived")).isExecutable();
        assertThat(logged).contains("» lb-1 · apt-get install keepalived", "lb-1: installed keepalived with apt-get");
    }

    @Test
    void nothingIsInstalledWhenBothAreThere() throws Exception {
        Path bin = bin("keepalived", "curl");
        Path log = apt(bin, true);

        setup(bin).ensureInstalled(lb1, progress);

        assertThat(log).doesNotExist();
        assertThat(logged).isEmpty();
    }

    @Test
    void aFailedInstallIsAClearErrorNamingTheServerAndApt() throws Exception {
        Path bin = bin();
        apt(bin, false);

        assertThatThrownBy(() -> setup(bin).ensureInstalled(lb1, progress)).isInstanceOf(FailoverException.class)
                .hasMessageContaining("`apt-get install -y keepalived curl` failed on lb-1 (exit 100)")
                .hasMessageContaining("E: Unable to locate package keepalived")
                .hasMessageContaining("No balancer was configured for failover");
    }

    @Test
    void aServerWithoutAptGetIsToldSo() throws Exception {
        Path bin = bin("curl");

        assertThatThrownBy(() -> setup(bin).ensureInstalled(lb1, progress)).isInstanceOf(FailoverException.class)
                .hasMessageContaining("(exit " + FailoverCommands.NO_APT + ")")
                .hasMessageContaining("this server has no apt-get: install keepalived with its package manager");
    }

    @Test
    void onlyKeepalivedAndCurlAreEverInstalledAndThroughSudoForAnotherUser() {
        assertThatThrownBy(() -> FailoverCommands.install(List.of("keepalived", "nginx; reboot"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailoverCommands.install(List.of())).isInstanceOf(IllegalArgumentException.class);
        Command install = FailoverCommands.install(List.of("keepalived"));
        assertThat(install.line()).endsWith("' sh keepalived");
        assertThat(Privilege.forLogin("deploy").line(install)).startsWith("sudo -n -- sh -c ");
        assertThat(Privilege.forLogin("root").line(install)).isEqualTo(install.line());
    }
}
