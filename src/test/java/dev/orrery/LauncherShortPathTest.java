package dev.orrery;

import dev.orrery.cli.OrreryCli;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orrery --version} and {@code --help} are the program's shortest paths: the real program,
 * started in its own JVM with class loading logged, prints what picocli's command tree would and
 * loads nothing of the window, logging, SSH, HTTP or JSON.
 */
class LauncherShortPathTest {
    @TempDir
    Path dir;

    @Test
    void versionPrintsWhatTheCommandTreeSaysAndLoadsNothingElse() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            Run r = run(flag);
            assertThat(r.exit).isZero();
            assertThat(r.out).isEqualTo(picocli(flag));
            assertThat(r.out).startsWith("orrery ");
            assertThat(r.loaded).as("classes --version loaded").noneMatch(c -> c.startsWith("picocli.") || c.startsWith("javafx.")
                    || c.startsWith("com.sun.javafx.") || c.startsWith("ch.qos.logback.") || c.startsWith("dev.orrery.cli."));
            assertThat(r.loaded).contains("dev.orrery.Launcher", "dev.orrery.model.Version");
        }
    }

    @Test
    void helpIsTheCommandTreeWithoutWindowOrLogging() throws Exception {
        Run r = run("--help");
        assertThat(r.exit).isZero();
        assertThat(r.out).isEqualTo(picocli("--help")).contains("Usage: orrery").contains("deploy");
        assertThat(r.loaded).as("classes --help loaded").contains("picocli.CommandLine")
                .noneMatch(c -> c.startsWith("javafx.") || c.startsWith("com.sun.javafx.") || c.startsWith("ch.qos.logback.")
                        || c.startsWith("net.schmizz.") || c.startsWith("okhttp3.") || c.startsWith("com.fasterxml.jackson."));
    }

    private String picocli(String flag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = OrreryCli.run(new String[]{flag}, ps, ps, new BufferedReader(new StringReader("")), new OrreryHome(dir.resolve("home")));
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    record Run(int exit, String out, List<String> loaded) {
    }

    private Run run(String flag) throws Exception {
        Path log = dir.resolve("classes-" + flag.replace("-", "") + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), flag));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ORRERY_HOME", dir.resolve("home").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
            int at = line.indexOf("] ", line.indexOf("class,load"));
            if (at > 0) {
                loaded.add(line.substring(at + 2).split(" ")[0]);
            }
        }
        return new Run(exit, out, loaded);
    }
}
