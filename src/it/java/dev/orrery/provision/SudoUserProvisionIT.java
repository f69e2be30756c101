package dev.orrery.provision;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.ServerState;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provision on hardened droplets: root login off everywhere, Orrery logs in as {@code deploy}
 * (NOPASSWD sudo) — the app check, the release's upload and install on the new droplet and the
 * balancer push all run through sudo, and the new server takes traffic through the real nginx.
 */
class SudoUserProvisionIT {
    static ProvisionRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new ProvisionRig(BalancerKind.NGINX, "deploy");
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aSudoUserProvisionsAServerThatTakesTrafficThroughTheBalancer() throws Exception {
        assertThat(rig.droplet.user()).isEqualTo("deploy");
        String release = ClusterStore.load(rig.clusterFile).app().currentRelease().id();
        var server = rig.workflow().run(rig.request("app-3"), dev.orrery.deploy.DeployFixture.printing("sudo provision"));

        assertThat(server.state()).isEqualTo(ServerState.READY);
        assertThat(server.sshUser()).isEqualTo("deploy");
        assertThat(rig.server("app-3").release()).isEqualTo(release);
        assertThat(rig.balancerConfig()).contains(rig.droplet.address());
        dev.orrery.it.Wait.until("app-3 to answer a request through the balancer", () -> rig.answersThroughBalancer("app-3", 20));
        assertThat(rig.droplet.exec("stat", "-c", "%U", "/opt/crater/releases/" + release).output().strip()).isEqualTo("root");
    }
}
