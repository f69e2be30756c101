package dev.orrery.cli;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.FileTokenStore;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Items 8 to 12 of issue 13 through the command line, as a user meets them: escaped terminal
 * text, file limits, the health wait's --timeout, reasons that name the cause, private files.
 */
class InputSafetyCliTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, CliSeams seams, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(stdin)), new OrreryHome(dir.resolve("home")), env, seams)) {
            int exit = OrreryCli.run(args, ctx);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private Run run(String... args) {
        return run(Map.of(), CliSeams.REAL, "", args);
    }

    private static void assertNoRawControls(String text) {
        assertThat(text.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)).toArray())
                .as("raw control characters in %s", text).isEmpty();
    }

    // --- item 8: terminal escapes and look-alikes ---------------------------------------------

    @Test
    void aFieldNamedWithTerminalCodesIsPrintedEscaped() throws Exception {
        Path f = Files.writeString(dir.resolve("pwned.json"), Files.readString(Path.of("assets/examples/crater.json"))
                .replace("\"name\" : \"crater\",\n    \"app\"", "\"name\" : \"crater\", \"\\u001b]0;PWNED\\u0007\\u001b[2J\": 1,\n    \"app\""));
        Run r = run("validate", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("unknown field \"\\u001b]0;PWNED\\u0007\\u001b[2J\"");
        assertNoRawControls(r.err());
    }

    @Test
    void aRegionNameFromTheApiIsPrintedEscaped() throws Exception {
        FakeApiFixture api = new FakeApiFixture();
        closing.add(api::close);
        api.fake.regionName("nyc3", "\u001b]0;PWNED\u0007New York \u009b2J");
        Map<String, String> env = Map.of("DIGITALOCEAN_API_URL", api.server.url("/").toString(), "DIGITALOCEAN_TOKEN", FakeApiFixture.TOKEN);
        Run table = run(env, CliSeams.REAL, "", "digitalocean", "regions");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("\\u001b]0;PWNED\\u0007New York \\u009b2J");
        assertNoRawControls(table.out());
        Run json = run(env, CliSeams.REAL, "", "digitalocean", "regions", "--json");
        assertNoRawControls(json.out());
        // Escaped as \\uXXXX, the JSON still reads back to the API's own text.
        var back = dev.orrery.store.Json.mapper().readTree(json.out());
        assertThat(back.get("regions").get(0).get("name").asText()).isEqualTo("\u001b]0;PWNED\u0007New York \u009b2J");
    }

    @Test
    void aLookAlikeServerNameIsShownByCodePoint() throws Exception {
        Path f = Files.writeString(dir.resolve("cyrillic.json"), Files.readString(Path.of("assets/examples/crater.json"))
                .replace("\"name\" : \"app-1\"", "\"name\" : \"\u0430pp-1\""));
        Run r = run("validate", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cluster.servers[1].name").contains("U+0430 CYRILLIC SMALL LETTER A at position 1").contains("\\u0430pp-1");
    }

    // --- item 9: size and file-type limits ----------------------------------------------------

    @Test
    @Timeout(60) // on a FIFO an unlimited reader blocks for ever: the guard turns that into a failure
    void devicesFifosFoldersAndHugeFilesAreRefusedBeforeReading() throws Exception {
        Run zero = run("validate", "/dev/zero");
        assertThat(zero.exit()).isEqualTo(1);
        assertThat(zero.err()).contains("/dev/zero: is not a regular file");

        Path fifo = dir.resolve("fifo.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        assertThat(run("validate", fifo.toString()).err()).contains("fifo.json: is not a regular file");

        assertThat(run("validate", dir.toString()).err()).contains(dir + ": is a folder, not a cluster file");

        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(200L * 1024 * 1024); // sparse: nothing is written, nothing need be read
        }
        Run big = run("validate", huge.toString());
        assertThat(big.exit()).isEqualTo(1);
        assertThat(big.err()).contains("huge.json: is 200.0 MB; a cluster file may be at most 10.0 MB");

        Path link = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        assertThat(run("validate", link.toString()).err()).contains("zero.json: is not a regular file");
    }

    @Test
    void everyFileGivenIsChecked() throws Exception {
        Path bad = Files.writeString(dir.resolve("corrupt.json"), "{");
        Run r = run("validate", "assets/examples/crater.json", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("crater.json: valid");
        assertThat(r.err()).contains("corrupt.json:1: is not valid JSON");
    }

    // --- item 10: health --once has a --timeout -----------------------------------------------

    @Test
    void healthOnceGivesUpAtItsTimeoutWhateverTheClusterFileSays() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        closing.add(() -> {
            silent.close();
            for (Socket s : held) {
                s.close();
            }
        });
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept()); // accepted, never answered
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        // Valid values that make the derived wait about 200 hours: 201 probes an hour apart.
        HealthCheck slow = new HealthCheck("/", 3_600_000, 100, 100, 600_000);
        Cluster c = new Cluster("slow", new AppSpec("slow", silent.getLocalPort(), Map.of(), List.of()),
                Balancer.defaults().withHealthCheck(slow),
                List.of(Server.of("app-1", Role.APP, "127.0.0.1").withState(ServerState.READY)));
        Path f = dir.resolve("slow.json");
        ClusterStore.save(f, c);
        Run r = run("health", f.toString(), "--once", "--route", "direct", "--timeout", "2s");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("orrery health: gave up after 2 s (--timeout) with app-1 still undecided; pass a longer --timeout");
        assertThat(r.out()).contains("0 of 1 app servers up");
        Run json = run("health", f.toString(), "--once", "--route=direct", "--timeout=1", "--json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(dev.orrery.store.Json.mapper().readTree(json.out()).get("timedOut").asBoolean()).isTrue();
    }

    // --- item 11: reasons ---------------------------------------------------------------------

    @Test
    void anUnreadableFileSaysPermissionDenied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path f = Files.copy(Path.of("assets/examples/crater.json"), dir.resolve("secret.json"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        assertThat(run("validate", f.toString()).err()).contains("secret.json: cannot be read: permission denied");
    }

    @Test
    void aMissingFileAndABrokenLinkSaySo() throws Exception {
        assertThat(run("validate", dir.resolve("nope.json").toString()).err()).contains("nope.json: no such file");
        Path link = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("gone.json"));
        assertThat(run("validate", link.toString()).err()).contains("dangling.json: is a symbolic link to a file that does not exist");
    }

    @Test
    void aTokenWithAnAccentIsNotCalledASpace() {
        FileTokenStore store = new FileTokenStore(dir.resolve("secrets/token"));
        Run r = run(Map.of(), new CliSeams(null, null, dev.orrery.provision.ProvisionTimeouts.DEFAULT, store), "dop_v1_caf\u00e9f00d\n", "token", "set");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("a character that is not plain ASCII").contains("at position 11").doesNotContain("space")
                .doesNotContain("caf");
    }

    // --- item 12: private files, tokens never echoed ------------------------------------------

    @Test
    void theDataFolderAndTheTokenFileAreTheOwnersAlone() throws Exception {
        Path tokenFile = dir.resolve("home/secrets/digitalocean-token");
        FileTokenStore store = new FileTokenStore(tokenFile);
        Run r = run(Map.of(), new CliSeams(null, null, dev.orrery.provision.ProvisionTimeouts.DEFAULT, store), FakeApiFixture.TOKEN + "\n",
                "token", "set");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("home")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    }

    @Test
    void aShortTokenIsNeverPrintedBack() {
        FileTokenStore store = new FileTokenStore(dir.resolve("secrets/token"));
        Run r = run(Map.of(), new CliSeams(null, null, dev.orrery.provision.ProvisionTimeouts.DEFAULT, store), "q7z\n", "token", "set");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("q7z").contains("too short");
    }

    // --- item 5: render-proxy says which servers it left out ---------------------------------

    @Test
    void renderProxyNamesTheServersItLeavesOut() throws Exception {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) dev.orrery.store.Json.mapper().readTree(Path.of("assets/examples/crater.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("cluster").get("servers").get(1)).put("state", "failed");
        Path f = Files.writeString(dir.resolve("half.json"), dev.orrery.store.Json.mapper().writeValueAsString(tree));
        Run r = run("render-proxy", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("orrery render-proxy: left out of the balancer (it cannot take traffic): app-1 (failed)");
        assertThat(r.out()).doesNotContain("10.0.1.73:3000").contains("10.0.1.151:3000");
    }
}
