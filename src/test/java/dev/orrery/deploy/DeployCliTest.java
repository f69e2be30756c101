package dev.orrery.deploy;

import dev.orrery.cli.OrreryCli;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery deploy} and {@code orrery rollback} on the command line, short of reaching a server. */
class DeployCliTest {
    @TempDir
    Path tmp;
    Path clusterFile;
    OrreryHome home;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        home = new OrreryHome(tmp.resolve("home"));
        clusterFile = tmp.resolve("crater.json");
        // No balancer and no server in service: the cluster's lock lives in the data folder, so these
        // tests need no server (the lock on a balancer is the integration tests' OpsUnderLoadITBase).
        ClusterStore.save(clusterFile, new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "10.0.1.5").withState(dev.orrery.model.ServerState.PROVISIONING))));
    }

    int run(String... args) {
        return OrreryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), home);
    }

    @Test
    void aLockLeftByACrashIsClearedDeliberatelySayingWhoHeldIt() throws Exception {
        DeployLock.acquire(home.locksDir(), "crater", "deploy of r7");
        assertThat(run("deploy", clusterFile.toString(), "--clear-lock")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cleared the deploy lock of crater: deploy of r7 by");
        assertThat(Files.exists(DeployLock.fileFor(home.locksDir(), "crater"))).isFalse();
    }

    @Test
    void aDeployWithoutABundleOrWithAMissingOneIsAUsageError() {
        assertThat(run("deploy", clusterFile.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required parameter: 'BUNDLE'").contains("Usage: orrery deploy");
        assertThat(run("deploy", clusterFile.toString(), tmp.resolve("nope.tar.gz").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("BUNDLE").contains("nope.tar.gz: no such file");
        assertThat(run("rollback", clusterFile.toString(), "--force")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--force'").contains("Usage: orrery rollback");
    }

    @Test
    void aBatchTooLargeForTheClusterIsRefusedBeforeAnythingIsSent() throws Exception {
        Path bundle = TestBundles.nodeApp(tmp, "v1.tar.gz", "node server.js");
        assertThat(run("deploy", clusterFile.toString(), bundle.toString(), "--batch", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--batch must be at least 1, not 0");
        assertThat(run("deploy", clusterFile.toString(), bundle.toString(), "--batch", "2", "--accept-new-host-keys")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--batch 2 would leave").contains("must keep serving");
        assertThat(Files.exists(DeployLock.fileFor(home.locksDir(), "crater"))).as("no lock taken").isFalse();
    }

    @Test
    void aLockedClusterIsRefusedSayingWho() throws Exception {
        Path bundle = TestBundles.nodeApp(tmp, "v1.tar.gz", "node server.js");
        try (DeployLock held = DeployLock.acquire(home.locksDir(), "crater", "deploy of r1")) {
            assertThat(run("deploy", clusterFile.toString(), bundle.toString(), "--accept-new-host-keys")).isEqualTo(1);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused: cluster crater is locked: deploy of r1 started by")
                .contains("(pid " + ProcessHandle.current().pid() + ")");
    }

    @Test
    void bothCommandsAreListedInTheHelp() {
        run("--help");
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^  deploy +Deploy a release").containsPattern("(?m)^  rollback +Go back");
    }
}
