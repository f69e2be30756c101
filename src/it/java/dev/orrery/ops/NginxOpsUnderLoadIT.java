package dev.orrery.ops;

import dev.orrery.it.Sys;
import dev.orrery.model.BalancerKind;
import dev.orrery.provision.ProvisionException;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.provision.ProvisionRig;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 14's operations under load behind nginx 1.22 (stock), and a provision whose login key the
 * new server refuses: it fails at once, naming the key and {@code --login-key}, and deletes the droplet.
 */
class NginxOpsUnderLoadIT extends OpsUnderLoadITBase {
    NginxOpsUnderLoadIT() {
        super(BalancerKind.NGINX);
    }

    @Test
    @Order(4)
    void aLoginKeyTheServerRefusesFailsAtOnceNamingLoginKey() throws Exception {
        ProvisionRig r = rig();
        Path key = r.f.scratch.resolve("not-authorized");
        Sys.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).orThrow("ssh-keygen");
        ProvisionRequest asked = new ProvisionRequest("app-4", r.request("app-4").template(), "root", r.droplet.sshPort(), key.toString());
        long t0 = System.nanoTime();

        ProvisionException e = catchThrowableOfType(ProvisionException.class,
                () -> r.workflow().run(asked, dev.orrery.deploy.DeployFixture.printing("refused")));

        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[NGINX] provision with a refused key failed after " + ms + " ms: " + e.getMessage());
        assertThat(e.getMessage()).contains("--login-key").contains(key.toString()).contains("droplet");
        assertThat(e.getMessage()).as("not retried").doesNotContain("within");
        assertThat(r.api.fake.droplets()).as("the droplet is deleted").isEmpty();
        assertThat(ClusterStore.load(r.clusterFile).server("app-4")).isEmpty();
    }
}
