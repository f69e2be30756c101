package dev.orrery.provision;

import dev.orrery.cli.CliContext;
import dev.orrery.cli.CliSeams;
import dev.orrery.cli.OrreryCli;
import dev.orrery.cloud.TokenStore;
import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.FileTokenStore;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cloud commands end to end against the fake API (pointed at by DIGITALOCEAN_API_URL). */
class CloudCommandsTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final FakeSeams seams = new FakeSeams();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ProvisionTimeouts timeouts = new ProvisionTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(1),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ZERO);
    private Map<String, String> env;
    private OrreryHome home;
    private Path file;

    @TempDir
    Path dir;

    CloudCommandsTest() throws IOException {
    }

    @BeforeEach
    void setUp() throws IOException {
        // One poll completes an action, so the client (with its real clock) never has to wait.
        f.fake.actionPolls(1);
        env = Map.of("DIGITALOCEAN_API_URL", f.server.url("/").toString(), "DIGITALOCEAN_TOKEN", FakeApiFixture.TOKEN);
        home = new OrreryHome(dir.resolve("home"));
        file = dir.resolve("crater.json");
        ClusterStore.save(file, TestClusters.crater());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** The command line with the fake API's environment and the fake seams. */
    private int run(String stdin, String... args) {
        return run(env, null, stdin, args);
    }

    private int run(Map<String, String> environment, TokenStore tokens, String stdin, String... args) {
        CliSeams fakes = new CliSeams(seams.seams(), seams.pusher(), timeouts, tokens);
        try (CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(stdin)), home, environment, fakes)) {
            return OrreryCli.run(args, ctx);
        }
    }

    private String snapshotId() {
        return String.valueOf(f.fake.baseImage().id());
    }

    @Test
    void provisionCountTwoMakesTwoServersAndSavesTheTemplateWithoutTheToken() throws Exception {
        int code = run("", "provision", file.toString(), "--count", "2",
                "--snapshot", snapshotId(), "--region", "nyc3", "--size", "s-1vcpu-1gb", "--ssh-key", "289794", "--save");
        assertThat(code).as(err.toString()).isZero();
        var cluster = ClusterStore.load(file);
        assertThat(cluster.appServers()).extracting(Server::name).containsExactlyInAnyOrder("app-1", "app-2", "app-3"); // made in parallel
        assertThat(cluster.server("app-3").orElseThrow().state()).isEqualTo(ServerState.READY);
        assertThat(f.fake.droplets()).hasSize(2);
        assertThat(out.toString()).contains("[Provision app-2 in crater] Wait for SSH on app-2").contains("app-3");
        assertThat(CloudSettings.load(home).template("crater").snapshotId()).isEqualTo(snapshotId());
        assertThat(Files.readString(CloudSettings.file(home))).doesNotContain(FakeApiFixture.TOKEN);
        assertThat(Files.readString(file)).doesNotContain(FakeApiFixture.TOKEN);

        // The saved template is used next time.
        assertThat(run("", "provision", file.toString())).isZero();
        assertThat(ClusterStore.load(file).server("app-4")).isPresent();
    }

    @Test
    void anIncompleteTemplateIsAUsageErrorAndMakesNothing() {
        assertThat(run("", "provision", file.toString(), "--region", "nyc3")).isEqualTo(2);
        assertThat(err.toString()).contains("snapshot: is required").contains("size: is required").contains("Usage: orrery provision");
        assertThat(f.fake.count("POST /v2/droplets")).isZero();
    }

    @Test
    void snapshotWithUseMakesTheNewSnapshotTheTemplates() throws Exception {
        var droplet = f.fake.droplet("app-1", List.of("orrery:crater"));
        var c = TestClusters.crater();
        ClusterStore.save(file, c.replaceServer("app-1", c.server("app-1").orElseThrow()
                .withProvider("digitalocean", String.valueOf(droplet.id()), "nyc3", "s-1vcpu-1gb")));
        int code = run("", "snapshot", file.toString(), "app-1", "--name", "crater-gold", "--use");
        assertThat(code).as(err.toString()).isZero();
        String newId = CloudSettings.load(home).template("crater").snapshotId();
        assertThat(f.fake.images()).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("crater-gold");
            assertThat(String.valueOf(i.id())).isEqualTo(newId);
        });
        assertThat(droplet.status()).isEqualTo("active");
    }

    @Test
    void decommissionRemovesTheServerAndItsDroplet() throws Exception {
        var droplet = f.fake.droplet("app-2", List.of("orrery:crater"));
        ClusterStore.save(file, TestClusters.crater().withServer(Server.of("app-2", dev.orrery.model.Role.APP, droplet.publicIp())
                .withProvider("digitalocean", String.valueOf(droplet.id()), "nyc3", "s-1vcpu-1gb")));
        assertThat(run("", "decommission", file.toString(), "app-2", "--drain-seconds", "0"))
                .as(err.toString()).isZero();
        assertThat(ClusterStore.load(file).server("app-2")).isEmpty();
        assertThat(f.fake.droplets()).isEmpty();
    }

    @Test
    void tokenSetReadsStandardInputAndCheckUsesIt() throws Exception {
        FileTokenStore store = new FileTokenStore(dir.resolve("secret/token"));
        Map<String, String> noEnvToken = Map.of("DIGITALOCEAN_API_URL", f.server.url("/").toString());
        assertThat(run(noEnvToken, store, FakeApiFixture.TOKEN + "\n", "token", "set")).isZero();
        assertThat(store.load()).isPresent();
        assertThat(out.toString()).doesNotContain(FakeApiFixture.TOKEN);
        // check reads the store chosen for this system; with the token in the environment it works
        assertThat(run(env, store, "", "token", "check")).isZero();
        assertThat(out.toString()).contains("the token works: the account has 3 SSH keys");
    }

    @Test
    void aWrongTokenFailsTheCheckWithTheApisWords() throws Exception {
        Map<String, String> wrong = Map.of("DIGITALOCEAN_API_URL", f.server.url("/").toString(), "DIGITALOCEAN_TOKEN", "dop_v1_nope");
        assertThat(run(wrong, null, "", "token", "check")).isEqualTo(1);
        assertThat(err.toString()).contains("401 unauthorized: Unable to authenticate you.").doesNotContain("dop_v1_nope");
    }

    @Test
    void listingSnapshotsShowsTheirStringIds() throws Exception {
        assertThat(run("", "digitalocean", "snapshots")).isZero();
        assertThat(out.toString()).contains(snapshotId()).contains("orrery-base-snapshot");
    }
}
