package dev.orrery.ui.form;

import dev.orrery.model.Cluster;
import dev.orrery.model.Problem;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCheckTest {
    private static Cluster crater;

    @BeforeAll
    static void load() throws Exception {
        crater = ClusterStore.load(Path.of("assets/examples/crater.json"));
    }

    @Test
    void aGoodNewServerPasses() {
        assertThat(ServerCheck.forNew(crater, Server.of("app-4", Role.APP, "203.0.113.4"))).isEmpty();
    }

    @Test
    void aTakenNameIsRefusedOnTheNameField() {
        List<Problem> problems = ServerCheck.forNew(crater, Server.of("app-2", Role.APP, "203.0.113.4"));
        assertThat(problems).extracting(Problem::field).containsExactly("name");
        assertThat(problems.get(0).message()).contains("used by another server");
    }

    @Test
    void injectionInANameOrAddressIsRefusedWithTheReason() {
        List<Problem> problems = ServerCheck.forNew(crater, Server.of("app-5;reboot", Role.APP, "1.2.3.4$(id)"));
        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder("name", "publicAddress", "privateAddress");
        assertThat(problems).filteredOn(p -> p.field().equals("name")).first()
                .extracting(Problem::message).asString().contains("';'");
    }

    @Test
    void aSecondBalancerIsRefusedForTheWholeServer() {
        List<Problem> problems = ServerCheck.forNew(crater, Server.of("lb-2", Role.BALANCER, "203.0.113.9"));
        assertThat(problems).extracting(Problem::field).containsExactly(ServerCheck.WHOLE_SERVER);
        assertThat(problems.get(0).message()).contains("more than one load balancer");
    }

    @Test
    void anEditMayKeepItsOwnNameButNotTakeAnother() {
        Server app1 = crater.server("app-1").orElseThrow();
        assertThat(ServerCheck.forEdit(crater, "app-1", app1.withSsh("deploy", 2222, "agent"))).isEmpty();
        assertThat(ServerCheck.forEdit(crater, "app-1", app1.withName("app-3")))
                .extracting(Problem::field).containsExactly("name");
        assertThat(ServerCheck.forEdit(crater, "app-1", app1.withSsh("root", 70000, null)))
                .extracting(Problem::field).containsExactly("sshPort");
    }
}
