package dev.orrery.ui.main;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.orrery.Launcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The window's cold start loads nothing its first frame does not need. The real program
 * ({@link Launcher} with no arguments, headless Monocle) starts in its own JVM with class loading
 * logged; {@link StartupMarks} puts the first frame into that log. Before it, no class of the SSH,
 * BouncyCastle, HTTP or JSON libraries may load, nor any class of Orrery's own that uses one of
 * them (calls into it, extends it): in the installed package, loading such a class from the CDS
 * archive loads the library classes its verification needs, which is how sshj and Jackson classes
 * came in before the window. Logback must be configured without its XML (Joran) machinery.
 * One JVM start for the whole class (a few seconds; longer on a busy machine).
 */
class ColdStartClassesTest {
    private static final String FIRST_FRAME = "dev.orrery.ui.main.StartupMarks$FirstFrame";
    /** Orrery's JSON files: the first one read after the first frame is the recent-cluster list. */
    private static final String RECENT_READ = "dev.orrery.store.Json";
    private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
    private static final List<String> HEAVY = List.of("net.schmizz.", "com.hierynomus.", "org.bouncycastle.", "okhttp3.", "okio.",
            "kotlin.", "com.fasterxml.jackson.");

    /** Logback's XML configuration: its configurators, actions, SAX events and model, and the JDK's XML parser. */
    private static final List<String> XML_LOGGING = List.of("ch.qos.logback.classic.joran.", "ch.qos.logback.core.joran.action.",
            "ch.qos.logback.core.joran.event.", "ch.qos.logback.core.model.", "ch.qos.logback.classic.model.",
            "ch.qos.logback.classic.util.DefaultJoranConfigurator", "javax.xml.parsers.", "com.sun.org.apache.xerces.");

    @TempDir
    static Path dir;
    private static Process app;
    /** The classes loaded before the first frame, in order. */
    private static List<String> beforeFirstFrame;
    private static List<String> afterFirstFrame;

    @BeforeAll
    static void startTheWindow() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        // A recent-cluster list to read (empty: no cluster to open, so nothing probes the network).
        Files.writeString(home.resolve("recent.json"), "[]");
        Path log = dir.resolve("classes.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + log, "-Djava.awt.headless=true", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("app.out").toFile());
        pb.environment().put("ORRERY_HOME", home.toString());
        pb.environment().put("ORRERY_SANDBOX", "off");
        app = pb.start();
        List<String> loaded = new ArrayList<>();
        await("the window's first frame, then the recent clusters read").atMost(Duration.ofMinutes(3)).until(() -> {
            if (!app.isAlive()) {
                throw new AssertionError("the program ended (exit " + app.exitValue() + "): " + Files.readString(dir.resolve("app.out")));
            }
            loaded.clear();
            loaded.addAll(classes(log));
            return loaded.contains(FIRST_FRAME) && loaded.contains(RECENT_READ) && loaded.contains(MAPPER);
        });
        int at = loaded.indexOf(FIRST_FRAME);
        beforeFirstFrame = List.copyOf(loaded.subList(0, at));
        afterFirstFrame = List.copyOf(loaded.subList(at, loaded.size()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.destroyForcibly().waitFor();
        }
    }

    @Test
    void noSshHttpOrJsonLibraryClassLoadsBeforeTheFirstFrame() {
        assertThat(beforeFirstFrame).as("the window's own classes loaded before its first frame")
                .contains("dev.orrery.ui.main.MainWindow", "dev.orrery.ui.main.StartupMarks$Shown");
        assertThat(beforeFirstFrame.stream().filter(c -> HEAVY.stream().anyMatch(c::startsWith)))
                .as("SSH, BouncyCastle, HTTP and JSON library classes loaded before the first frame").isEmpty();
    }

    @Test
    void noOrreryClassThatUsesThoseLibrariesLoadsBeforeTheFirstFrame() throws IOException {
        Map<String, TreeSet<String>> users = usersOfHeavyLibraries(beforeFirstFrame);
        assertThat(users).as("Orrery classes loaded before the first frame that use SSH/HTTP/JSON libraries (class -> what it uses)")
                .isEmpty();
    }

    @Test
    void theRecentClustersAreReadAfterTheFirstFrame() {
        assertThat(afterFirstFrame).contains(RECENT_READ, MAPPER);
    }

    @Test
    void logbackIsConfiguredWithoutItsXmlMachinery() {
        assertThat(beforeFirstFrame).as("logging is set up before the window").contains("ch.qos.logback.classic.LoggerContext");
        assertThat(beforeFirstFrame.stream().filter(c -> XML_LOGGING.stream().anyMatch(c::startsWith)))
                .as("logback's XML configuration classes loaded before the first frame").isEmpty();
    }

    /** Orrery's classes among {@code loaded} that call into, or extend, a class of the heavy libraries; with what they use. */
    private static Map<String, TreeSet<String>> usersOfHeavyLibraries(List<String> loaded) {
        List<URL> files = loaded.stream().filter(c -> c.startsWith("dev.orrery.") && !c.contains("$$Lambda"))
                .map(c -> ColdStartClassesTest.class.getResource("/" + c.replace('.', '/') + ".class"))
                .filter(Objects::nonNull).toList();
        assertThat(files).as("Orrery's class files found").hasSizeGreaterThan(10);
        Map<String, TreeSet<String>> users = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter().importUrls(files)) {
            List<String> used = new ArrayList<>();
            for (JavaAccess<?> a : c.getAccessesFromSelf()) {
                used.add(a.getTargetOwner().getName());
            }
            c.getRawSuperclass().ifPresent(s -> used.add(s.getName()));
            c.getRawInterfaces().forEach(i -> used.add(i.getName()));
            for (String u : used) {
                if (HEAVY.stream().anyMatch(u::startsWith)) {
                    users.computeIfAbsent(c.getName(), k -> new TreeSet<>()).add(u);
                }
            }
        }
        return users;
    }

    /** The class names of a {@code -Xlog:class+load} file, in load order. */
    private static List<String> classes(Path log) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.exists(log)) {
            return names;
        }
        for (String line : Files.readAllLines(log)) {
            // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
            int at = line.indexOf("] ", line.indexOf("class,load"));
            if (at > 0) {
                names.add(line.substring(at + 2).split(" ")[0]);
            }
        }
        return names;
    }
}
