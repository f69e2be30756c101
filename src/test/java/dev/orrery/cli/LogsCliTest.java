package dev.orrery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orrery.model.Cluster;
import dev.orrery.sandbox.SandboxCluster;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orrery logs} on a sandbox-shaped cluster whose logs are real files on this machine (the
 * same reader that runs over SSH on a droplet): merged order, filters, --since, --grep, --json,
 * highlights, --follow, and the errors for bad arguments.
 */
@RequiresCommands({"stat", "tail", "head", "find", "cksum"})
class LogsCliTest {
    @TempDir
    Path homeDir;
    OrreryHome home;
    Path clusterFile;
    Path app1;
    Path app2;
    Path access;
    Path error;
    static final DateTimeFormatter NGINX_ERROR = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.systemDefault());
    static final DateTimeFormatter NGINX_ACCESS = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @BeforeEach
    void sandboxShapedCluster() throws Exception {
        home = new OrreryHome(homeDir);
        Cluster c = SandboxCluster.create(18080, Path.of(System.getProperty("java.home")));
        SandboxPaths paths = SandboxPaths.of(home);
        clusterFile = paths.clusterFile();
        Files.createDirectories(clusterFile.getParent());
        ClusterStore.save(clusterFile, c);
        app1 = logFile(paths, "app-1");
        app2 = logFile(paths, "app-2");
        access = Files.createDirectories(paths.balancerDir()).resolve("access.log");
        error = paths.balancerDir().resolve("error.log");
        Instant now = Instant.now();
        Files.writeString(app1, stamp(now.minusSeconds(3600)) + " orrery-supervise: started app pid 100\n"
                + "old line from an hour ago\n"
                + stamp(now.minusSeconds(30)) + " orrery-supervise: started app pid 101\n"
                + "listening on 127.66.0.2:3000\n"
                + "Exception in callback of async function: Error: boom\n");
        Files.writeString(app2, stamp(now.minusSeconds(20)) + " orrery-supervise: started app pid 200\nlistening on 127.66.0.3:3000\n");
        Files.writeString(access, "127.0.0.1 - - [" + NGINX_ACCESS.format(now.minusSeconds(10)) + "] \"GET / HTTP/1.1\" 200 12 \"-\" \"curl\""
                + " upstream=\"127.66.0.2:3000\" rt=0.002 ms=" + String.format("%d.%03d", now.minusSeconds(10).toEpochMilli() / 1000,
                now.minusSeconds(10).toEpochMilli() % 1000) + "\n");
        Files.writeString(error, NGINX_ERROR.format(now.minusSeconds(5)) + " [error] 7#7: *1 no live upstreams while connecting to upstream\n");
    }

    private static String stamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static Path logFile(SandboxPaths paths, String server) throws Exception {
        Path f = paths.serverBase(server).resolve(SandboxCluster.APP).resolve("log").resolve("app.log");
        Files.createDirectories(f.getParent());
        return f;
    }

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void everyLogMergedInTimeOrderWithItsServerSourceAndLevel() {
        CliRun r = run("logs", clusterFile.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();

        assertThat(String.join("\n", lines)).contains("app-1", "app-2", "lb-1", "listening on 127.66.0.2:3000", "GET / HTTP/1.1")
                .contains("ERROR Exception in callback")
                .contains("↳ Meteor: exception in callback: A timer, observer or DDP callback threw")
                .contains("↳ nginx: no live upstreams");
        // the balancer's timed lines come after the app's start lines, in time order
        assertThat(indexOf(lines, "started app pid 100")).isLessThan(indexOf(lines, "started app pid 200"));
        assertThat(indexOf(lines, "started app pid 200")).isLessThan(indexOf(lines, "GET / HTTP/1.1"));
        assertThat(indexOf(lines, "GET / HTTP/1.1")).isLessThan(indexOf(lines, "no live upstreams"));
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + part + " in " + lines);
    }

    @Test
    void serversSourcesSinceAndGrepNarrowItDown() {
        CliRun app = run("logs", clusterFile.toString(), "--source", "app");
        assertThat(app.out()).contains("app-1").doesNotContain("lb-1");
        CliRun balancer = run("logs", clusterFile.toString(), "--source=balancer");
        assertThat(balancer.out()).contains("lb-1").doesNotContain("app-1");
        CliRun one = run("logs", clusterFile.toString(), "app-2");
        assertThat(one.out()).contains("app-2").doesNotContain("app-1").doesNotContain("lb-1");
        // --since: the line an hour old (it goes with its stamp before it) is left out, the restart's lines stay
        CliRun recent = run("logs", clusterFile.toString(), "app-1", "--since", "10m");
        assertThat(recent.out()).doesNotContain("old line from an hour ago").doesNotContain("pid 100").contains("pid 101", "listening on 127.66.0.2");
        CliRun grep = run("logs", "sandbox", "--grep", "listening on 127\\.66\\.0\\.\\d:3000");
        assertThat(grep.exit()).isZero();
        assertThat(grep.out().lines()).hasSize(2).allMatch(l -> l.contains("listening on"));
    }

    @Test
    void jsonIsOneObjectALine() throws Exception {
        CliRun r = run("logs", clusterFile.toString(), "--json", "--grep", "no live|callback");
        assertThat(r.exit()).isZero();
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> nodes = r.out().lines().map(l -> {
            try {
                return m.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).get("server").asText()).isEqualTo("app-1");
        assertThat(nodes.get(0).get("level").asText()).isEqualTo("error");
        assertThat(nodes.get(0).get("problem").get("id").asText()).isEqualTo("meteor-callback");
        assertThat(nodes.get(1).get("source").asText()).isEqualTo("error");
        assertThat(Instant.parse(nodes.get(1).get("time").asText())).isBefore(Instant.now());
        assertThat(nodes.get(1).get("timeFromLine").asBoolean()).isTrue();
    }

    @Test
    void followPrintsNewLinesAsTheyAreWritten() throws Exception {
        CompletableFuture<CliRun> following = CompletableFuture.supplyAsync(() -> run("logs", clusterFile.toString(), "app-2", "--follow-for", "6s"));
        Thread.onSpinWait();
        for (int i = 0; i < 30 && !following.isDone(); i++) {
            Files.writeString(app2, "tick " + i + "\n", StandardOpenOption.APPEND);
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
        CliRun r = following.get();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("listening on 127.66.0.3:3000");
        // whatever was written while it followed arrived, once each and in order
        List<String> ticks = r.out().lines().filter(l -> l.contains(" tick ")).map(l -> l.substring(l.indexOf("tick "))).toList();
        assertThat(ticks).isNotEmpty().doesNotHaveDuplicates();
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).isEqualTo("tick " + i);
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        CliRun noServer = run("logs", clusterFile.toString(), "app-9");
        assertThat(noServer.exit()).isEqualTo(2);
        assertThat(noServer.err()).contains("no server 'app-9' in sandbox");
        CliRun badSince = run("logs", clusterFile.toString(), "--since", "ten minutes");
        assertThat(badSince.exit()).isEqualTo(2);
        assertThat(badSince.err()).contains("is not a duration");
        CliRun badRegex = run("logs", clusterFile.toString(), "--grep", "(unclosed");
        assertThat(badRegex.exit()).isEqualTo(2);
        assertThat(badRegex.err()).contains("is not a valid regex");
        CliRun badSource = run("logs", clusterFile.toString(), "--source", "db");
        assertThat(badSource.exit()).isEqualTo(2);
        CliRun noCluster = run("logs", "nosuchcluster");
        assertThat(noCluster.exit()).isEqualTo(1);
        assertThat(noCluster.err()).contains("no cluster file nosuchcluster and no cluster of that name");
        assertThat(run("logs", "--help").out()).contains("--since", "--follow", "--grep", "--json", "app|balancer|all");
    }

    @Test
    void aLogThatCannotBeReadIsNamedAndTheOthersStillPrinted() throws Exception {
        Files.delete(error);
        Files.createDirectory(error); // not a readable file: tail fails on it
        CliRun r = run("logs", clusterFile.toString());
        assertThat(r.out()).contains("listening on 127.66.0.2:3000");
    }

    @Test
    void theStoresLimitsAreSetAndShownWithoutACluster() throws Exception {
        // a window followed the cluster once: two lines in the store, one of them 3 days old
        long now = System.currentTimeMillis();
        try (dev.orrery.store.history.HistoryDb db = dev.orrery.store.history.HistoryDb.open(home.historyDb())) {
            dev.orrery.logs.LogStore.open(db).append("sandbox", List.of(
                    new dev.orrery.logs.LogLine(0, now - 3 * 86_400_000L, true, "app-1", dev.orrery.logs.LogSource.APP,
                            dev.orrery.logs.LogLevel.INFO, "three days old", null),
                    new dev.orrery.logs.LogLine(0, now, true, "app-1", dev.orrery.logs.LogSource.APP,
                            dev.orrery.logs.LogLevel.INFO, "fresh", null)), java.util.Map.of());
        }
        CliRun shown = run("logs", "--kept");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("keeps followed lines 14 days, at most 512 MB.").contains("in 2 lines");

        CliRun set = run("logs", "--keep-size", "500MB", "--keep-days", "2");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("keeps followed lines 2 days, at most 500 MB (set now)").contains("in 1 lines after dropping 1 beyond the limits");
        CliRun json = run("logs", "--kept", "--json");
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertThat(o.get("capBytes").asLong()).isEqualTo(500L << 20);
        assertThat(o.get("keepDays").asInt()).isEqualTo(2);
        assertThat(o.get("lines").asLong()).isEqualTo(1);
        assertThat(o.get("file").asText()).isEqualTo(home.historyDb().toString());

        // bad values are refused with the reason and change nothing
        CliRun small = run("logs", "--keep-size", "10KB");
        assertThat(small.exit()).isEqualTo(2);
        assertThat(small.err()).contains("'10KB' is less than the 1MB");
        CliRun notASize = run("logs", "--keep-size=lots");
        assertThat(notASize.exit()).isEqualTo(2);
        assertThat(notASize.err()).contains("'lots' is not a size");
        CliRun days = run("logs", "--keep-days", "0");
        assertThat(days.exit()).isEqualTo(2);
        assertThat(days.err()).contains("'--keep-days': must be between 1 and 3650 (got 0)");
        CliRun withCluster = run("logs", "sandbox", "--kept");
        assertThat(withCluster.exit()).isEqualTo(2);
        assertThat(withCluster.err()).contains("give them without CLUSTER");
        CliRun nothing = run("logs");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("Missing required parameter: 'CLUSTER'");
        assertThat(run("logs", "--kept").out()).contains("2 days, at most 500 MB.");
    }
}
