package dev.orrery.adopt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.adopt.conf.NginxFlat;
import dev.orrery.cli.OrreryCli;
import dev.orrery.deploy.LoadClient;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.Json;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adopting the seed's cluster as it runs: import the team's mup.json, import the live balancer,
 * see what the first push changes, push, then deploy under keep-alive GET+POST load over HTTPS.
 * Expected: the push changes exactly what diff-proxy showed (beyond the check module's two lines,
 * which the running stock nginx never had), and the load sees 0 failed requests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdoptIT {
    static SeedCluster seed;
    static Path home;
    static Path file;
    static Set<String> predicted = new LinkedHashSet<>();

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OrreryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), new OrreryHome(home));
        Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ orrery " + String.join(" ", args) + "  → exit " + exit + "\n" + r.out() + r.err());
        return r;
    }

    @BeforeAll
    static void start() throws Exception {
        seed = new SeedCluster();
        home = seed.dir.resolve("home");
        file = seed.dir.resolve("crater.json");
    }

    @AfterAll
    static void stop() {
        if (seed != null) {
            seed.close();
        }
    }

    @Test
    @Order(1)
    void importTheMupFile() throws Exception {
        Run r = cli("import", "mup", seed.mupJson().toString(), "--out", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Cluster c = ClusterStore.load(file);
        assertThat(c.appServers()).extracting(Server::publicAddress)
                .containsExactly(seed.app(0).address(), seed.app(1).address(), seed.app(2).address());
        assertThat(c.app().port()).isEqualTo(80);
        assertThat(r.out()).contains("env.HTTP_FORWARDED_COUNT").contains("setupNode");
    }

    @Test
    @Order(2)
    void importTheLiveBalancer() throws Exception {
        Run r = cli("import", "balancer", file.toString(), "--host", seed.lb().address(), "--ssh-key", seed.hosts.clientKey().toString(),
                "--accept-new-host-keys", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = Json.mapper().readTree(r.out());
        // nginx -T fails on the check module's lines; the file was read as written, and the report says so
        assertThat(report.path("notes").toString()).contains("will not load").contains("unknown directive \\\"check\\\"")
                .contains("nginx_upstream_check_module's lines");
        JsonNode check = find(report, "check interval=750 rise=2 fall=2 timeout=1000 type=http;");
        assertThat(check.path("outcome").asText()).isEqualTo("mapped");
        assertThat(check.path("detail").asText()).contains("no nginx_upstream_check_module").contains("Orrery's own probes");
        assertThat(find(report, "location /check-status { 2 directives }").path("outcome").asText()).isEqualTo("mapped");
        assertThat(find(report, "proxy_set_header X-NginX-Proxy true;").path("outcome").asText()).isEqualTo("kept");

        Cluster c = ClusterStore.load(file);
        assertThat(c.appServers()).hasSize(3); // matched by address, not added again
        assertThat(c.balancerServer().orElseThrow().publicAddress()).isEqualTo(seed.lb().address());
        assertThat(c.balancer().stickiness()).isEqualTo(Stickiness.IP_HASH);
        assertThat(c.balancer().healthCheck()).isEqualTo(new HealthCheck("/", 750, 2, 2, 1000));
        assertThat(c.balancer().tls().serverName()).isEqualTo("crater.io");
        assertThat(c.app().environment()).containsEntry("ROOT_URL", "https://crater.io");
    }

    @Test
    @Order(3)
    void diffProxyShowsWhatTheFirstPushChanges() throws Exception {
        Run text = cli("diff-proxy", file.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("the files as written (nginx -t refused them)")
                .contains("- check interval=750 rise=2 fall=2 timeout=1000 type=http;");
        Run json = cli("diff-proxy", file.toString(), "--json");
        for (JsonNode c : Json.mapper().readTree(json.out()).path("changes")) {
            predicted.add(c.path("kind").asText() + " | " + c.path("context").asText() + " | " + c.path("before").asText(null)
                    + " | " + c.path("after").asText(null));
        }
        assertThat(predicted).isNotEmpty();
    }

    @Test
    @Order(4)
    void thePushChangesNothingBeyondWhatTheDiffShowed() throws Exception {
        Run push = cli("push-proxy", file.toString());
        assertThat(push.exit()).as(push.err()).isZero();
        String after = seed.lb().sh("nginx -T 2>/dev/null").orThrow("nginx -T after the push").output();
        ConfDiff actual = ConfDiff.of(NginxFlat.flatten(NginxConf.fromDump(seed.runningDump)), NginxFlat.flatten(NginxConf.fromDump(after)),
                NginxFlat::defaultOf);
        Set<String> done = new LinkedHashSet<>();
        for (ConfDiff.Change c : actual.changes()) {
            done.add(c.kind().name().toLowerCase() + " | " + c.context() + " | " + c.before() + " | " + c.after());
        }
        Set<String> notShown = new LinkedHashSet<>(done);
        notShown.removeAll(predicted);
        Set<String> shownNotDone = new LinkedHashSet<>(predicted);
        shownNotDone.removeAll(done);
        System.out.println("push: " + done.size() + " directive changes on the live balancer; diff-proxy showed " + predicted.size()
                + "; not shown: " + notShown + "; shown but not needed: " + shownNotDone);
        assertThat(notShown).as("changes the push made that diff-proxy did not show").isEmpty();
        // what the diff showed beyond: only the check module's two lines, which the running stock nginx never had
        assertThat(shownNotDone).containsExactlyInAnyOrder(
                "removed | upstream crater | check interval=750 rise=2 fall=2 timeout=1000 type=http; | null",
                "removed | server :443 › location /check-status | check_status; | null");
        // and now the live configuration is the cluster's: no change
        Run again = cli("diff-proxy", file.toString());
        assertThat(again.out()).contains("no change");
        assertThat(dev.orrery.it.Sys.run("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "https://" + seed.lb().address() + "/")
                .output().strip()).isEqualTo("200");
    }

    @Test
    @Order(5)
    void theFirstDeployTakesTheServersOverUnderLoadWithNoFailedRequest() throws Exception {
        Path bundle = seed.bundle("orrery-1");
        LoadClient load = new LoadClient(seed.lb().address(), 443, 6, 15, 20_000).overTls(LoadClient.trustAnyCertificate(), "crater.io", Long.MAX_VALUE).start();
        Run deploy;
        try {
            waitFor(load, 300);
            deploy = cli("deploy", file.toString(), bundle.toString(), "--accept-new-host-keys");
            waitFor(load, load.total() + 300);
        } finally {
            load.close();
        }
        System.out.println("deploy under load: " + load.failed.get() + " failed of " + load.total() + " requests; versions seen " + load.versions);
        load.failures.forEach(f -> System.out.println("  failure: " + f.lines().findFirst().orElse("")));
        assertThat(deploy.exit()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("held by the app as it ran before Orrery");
        for (int i = 0; i < 3; i++) {
            assertThat(versionOn(seed.app(i).address())).as("app-" + (i + 1)).isEqualTo("orrery-1");
            // the old app is gone, and Orrery's runs as its own user
            assertThat(seed.apps.get(i).isAlive()).isFalse();
        }
        assertThat(load.versions).containsKeys("mup", "orrery-1");
        assertThat(load.total()).isGreaterThan(600);
        assertThat(load.failed.get()).as("failed requests: %s", load.failures).isZero();
    }

    @Test
    @Order(6)
    void driftIsCleanUntilSomeoneEditsTheBalancerByHand() throws Exception {
        Run clean = cli("drift", file.toString(), "--json");
        assertThat(clean.exit()).as(clean.err()).isZero();
        JsonNode r = Json.mapper().readTree(clean.out());
        assertThat(r.path("items")).as(clean.out()).isEmpty();
        assertThat(r.path("notes").toString()).contains("DigitalOcean was not checked");

        Path conf = seed.lb().path("/etc/nginx/nginx.conf");
        Files.writeString(conf, Files.readString(conf) + "# tuned by hand at 3 am\n");
        Run edited = cli("drift", file.toString(), "--exit-code");
        assertThat(edited.exit()).isEqualTo(3);
        assertThat(edited.out()).contains("[balancer edited by hand]").contains("orrery push-proxy");
    }

    static JsonNode find(JsonNode report, String what) {
        for (JsonNode i : report.path("items")) {
            if (i.path("what").asText().equals(what)) {
                return i;
            }
        }
        throw new AssertionError("no item " + what + " in " + report.toPrettyString());
    }

    static void waitFor(LoadClient l, long n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> l.total() >= n);
    }

    static String versionOn(String address) throws Exception {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return c.send(HttpRequest.newBuilder(URI.create("http://" + address + ":80/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("X-Version").orElse("?");
    }

}
