package dev.orrery.logs;

import dev.orrery.deploy.AppLayout;
import dev.orrery.deploy.DeployFixture;
import dev.orrery.deploy.LoadClient;
import dev.orrery.deploy.PassiveDrain;
import dev.orrery.it.Spawned;
import dev.orrery.it.TestHost;
import dev.orrery.model.BalancerKind;
import dev.orrery.remote.Host;
import dev.orrery.store.history.HistoryDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector over real sshd on test hosts (three app servers under Orrery's supervisor, an
 * nginx balancer): app-1's log gets a numbered line every few milliseconds from a writer that
 * never pauses, while the app is deployed again (its process restarted), the log is rotated by
 * logrotate (copytruncate, then create) and every sshd of app-1 is killed (the open session
 * too) and started again. Every numbered line that reached a file arrives exactly once, in the
 * listener and in the store; the balancer's and the other servers' logs are followed at the
 * same time. Under steady load through the balancer, the followed access log shows the deploy's
 * traffic moving: each app server, in deploy order, stops answering while it restarts (the others
 * answer every request meanwhile) and answers again afterwards ({@link TrafficMoves}).
 */
class LogsFollowIT {
    static DeployFixture f;
    static final String LOG = AppLayout.of("crater").logFile();

    @BeforeAll
    static void start() throws Exception {
        f = new DeployFixture(BalancerKind.NGINX);
        f.rollout(PassiveDrain.forOrreryNginx()).deploy(f.cluster, f.v1(), DeployFixture.printing("v1"));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aContinuouslyWrittenLogArrivesOnceThroughRedeployRotationsAndAKilledConnection() throws Exception {
        TestHost app1 = f.testHost("app-1");
        List<String> seq = new CopyOnWriteArrayList<>();
        Map<LogSource, Set<String>> sources = new ConcurrentHashMap<>();
        List<String> statuses = new CopyOnWriteArrayList<>();
        List<LogLine> merged = new CopyOnWriteArrayList<>(); // the balancer's access lines and the deploy's markers
        Map<String, Host> hosts = new ConcurrentHashMap<>();
        ExecutorService io = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        LogTargets.Places places = new LogTargets.Places(s -> AppLayout.of("crater"), f.balancerLayout, false);
        List<LogTarget> targets = LogTargets.of(f.cluster, places);
        assertThat(targets).extracting(LogTarget::key).contains("app-1/app", "app-2/app", "app-3/app", "lb-1/access", "lb-1/error");
        try (HistoryDb db = HistoryDb.open(Files.createDirectories(f.scratch.resolve("history")).resolve("history.db"));
             LoadClient load = new LoadClient(f.balancerAddress(), 80, 2, 50, 5_000).start()) {
            LogStore store = LogStore.open(db);
            try (LogCollector logs = new LogCollector("crater", targets,
                    name -> hosts.computeIfAbsent(name, n -> f.ssh(f.cluster.server(n).orElseThrow())), store, io, scheduler,
                    System::currentTimeMillis)) {
                logs.addListener(batch -> batch.forEach(l -> {
                    if (l.source() == LogSource.ACCESS || l.marker()) {
                        merged.add(l);
                    }
                    sources.computeIfAbsent(l.source(), s -> ConcurrentHashMap.newKeySet()).add(l.server());
                    if (l.server().equals("app-1") && l.text().startsWith("seq ")) {
                        seq.add(l.text());
                    }
                }));
                logs.addStatusListener(s -> statuses.add(String.valueOf(s.get("app-1/app"))));
                logs.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(logs.status().get("app-1/app")).startsWith("following"));

                // a writer that never pauses, opening the file for each line as a logger that reopens does
                app1.sh("rm -f /tmp/stop-writer /tmp/writer-count");
                try (Spawned writer = app1.spawn("sh", "-c", "i=0; while [ ! -e /tmp/stop-writer ]; do i=$((i+1)); "
                        + "echo \"seq $i\" >> " + LOG + "; sleep 0.004; done; echo $i > /tmp/writer-count")) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> seq.size() > 300);

                    f.rollout(PassiveDrain.forOrreryNginx()).deploy(f.cluster, f.nodeRelease("v2", "VERSION=v2"),
                            TrafficMoves.marking(DeployFixture.printing("v2"), logs));
                    int afterDeploy = seq.size();
                    await().atMost(Duration.ofSeconds(60)).until(() -> seq.size() > afterDeploy + 300);

                    logrotate(app1, "copytruncate");
                    int afterCopytruncate = seq.size();
                    await().atMost(Duration.ofSeconds(60)).until(() -> seq.size() > afterCopytruncate + 300);

                    app1.killSshd(); // the follower's session dies with it
                    await().atMost(Duration.ofSeconds(60)).until(() -> statuses.stream().anyMatch(s -> s.startsWith("reconnecting")));
                    int whileDown = seq.size();
                    app1.restartSshd();
                    await().atMost(Duration.ofSeconds(90)).until(() -> seq.size() > whileDown + 300);

                    logrotate(app1, "create");
                    int afterCreate = seq.size();
                    await().atMost(Duration.ofSeconds(60)).until(() -> seq.size() > afterCreate + 300);

                    app1.sh("touch /tmp/stop-writer");
                    await().atMost(Duration.ofSeconds(30)).until(() -> !writer.isAlive());
                }
                int written = Integer.parseInt(app1.exec("cat", "/tmp/writer-count").output().strip());
                List<String> onDisk = app1.sh("cat " + LOG + "*").output().lines().filter(l -> l.startsWith("seq ")).toList();
                await().atMost(Duration.ofSeconds(60)).until(() -> seq.size() >= onDisk.size());
                // the store holds what the listener got: query it back after the last batch is stored
                await().atMost(Duration.ofSeconds(30)).until(() -> stored(store).size() >= onDisk.size());

                List<String> repeated = repeats(seq);
                Set<String> missing = new HashSet<>(onDisk);
                seq.forEach(missing::remove);
                System.out.println("LogsFollowIT: written " + written + ", on disk " + onDisk.size() + " (logrotate's copytruncate window lost "
                        + (written - onDisk.size()) + "), received " + seq.size() + ", repeated " + repeated.size() + ", missing " + missing.size()
                        + "; app-1 states " + new java.util.LinkedHashSet<>(statuses));
                assertThat(repeated).as("lines that arrived twice").isEmpty();
                assertThat(missing).as("lines on disk that never arrived").isEmpty();
                assertThat(seq).hasSameSizeAs(onDisk);
                List<String> inStore = stored(store);
                assertThat(repeats(inStore)).as("lines stored twice").isEmpty();
                assertThat(new HashSet<>(inStore)).isEqualTo(new HashSet<>(onDisk));
                // the other logs were followed all along: the app's own output on every server, the balancer's requests
                assertThat(sources.get(LogSource.APP)).contains("app-1", "app-2", "app-3");
                assertThat(sources.get(LogSource.ACCESS)).containsExactly("lb-1");
                assertThat(load.ok.get()).isPositive();

                // the deploy's traffic in the access log: by now app-3, the last, answers again (nginx's
                // fail_timeout after its restart is long past: the rotations and the reconnect took longer)
                Upstreams upstreams = Upstreams.of(f.cluster);
                await().atMost(Duration.ofSeconds(30)).until(() -> TrafficMoves.answeredAfterRestart(merged, upstreams, "app-3"));
                List<TrafficMoves.Gap> gaps = TrafficMoves.gaps(merged, upstreams, List.of("app-1", "app-2", "app-3"));
                System.out.println("LogsFollowIT: during the deploy " + gaps + "; " + TrafficMoves.retried(merged)
                        + " requests nginx passed on from a stopping server to the next");
                for (TrafficMoves.Gap g : gaps) {
                    assertThat(g.lastBefore()).as(g.server() + " answered before its restart").isNotNull();
                    assertThat(g.firstAfter()).as(g.server() + " answered after its restart").isNotNull();
                    List<String> others = List.of("app-1", "app-2", "app-3").stream().filter(s -> !s.equals(g.server())).toList();
                    assertThat(g.answeredMeanwhile()).as("while " + g.server() + " restarted, the others answered").containsAll(others)
                            .doesNotContain(g.server());
                }
                for (int i = 1; i < gaps.size(); i++) {
                    assertThat(gaps.get(i - 1).firstAfter().time()).as(gaps.get(i - 1).server() + " answered again before "
                            + gaps.get(i).server() + " went out").isLessThanOrEqualTo(gaps.get(i).lastBefore().time());
                }
            }
        } finally {
            hosts.values().forEach(h -> {
                try {
                    h.close();
                } catch (Exception ignored) {
                    // closing test connections
                }
            });
            io.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    private static List<String> stored(LogStore store) throws Exception {
        List<String> out = new ArrayList<>();
        LogFilter app1 = LogFilter.ALL.withServers(Set.of("app-1")).withSources(Set.of(LogSource.APP));
        for (LogLine l : new LogQueries(store).search("crater", app1, java.util.regex.Pattern.compile("^seq "), 1_000_000).lines()) {
            out.add(l.text());
        }
        return out;
    }

    private static List<String> repeats(List<String> lines) {
        Map<String, Integer> n = new HashMap<>();
        lines.forEach(l -> n.merge(l, 1, Integer::sum));
        return n.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static void logrotate(TestHost h, String how) throws Exception {
        Files.writeString(h.path("/opt/crater/logrotate-" + how + ".conf"), LOG + " {\n  " + how + "\n  rotate 20\n  missingok\n}\n");
        var r = h.sh("logrotate -f -s /opt/crater/logrotate.state /opt/crater/logrotate-" + how + ".conf");
        assertThat(r.exit()).as(r.output()).isZero();
    }
}
