package dev.orrery.engine.state;

import dev.orrery.model.Role;
import dev.orrery.model.ServerState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The failover pair's reserved IP said once (ServerLook.reservedIp), and the managed balancer published like a server. */
class ReservedIpLookTest {

    private static ServerLive lb(String name, boolean holds, String keepalived) {
        LiveClusterState live = new LiveClusterState("crater");
        live.setCluster(new dev.orrery.model.Cluster("crater", new dev.orrery.model.AppSpec("crater", 3000, null, null),
                dev.orrery.model.Balancer.defaults(), List.of(dev.orrery.model.Server.of(name, Role.BALANCER, "10.0.1.10")
                .withState(ServerState.READY))));
        live.setFailover(name, "198.51.100.50", holds, keepalived);
        return live.snapshot().server(name).orElseThrow();
    }

    @Test
    void theHolderWithAMasterKeepalivedIsGoodOtherwiseAWarningAndNobodyIsBad() {
        var good = ServerLook.reservedIp(List.of(lb("lb-1", true, "MASTER"), lb("lb-2", false, "BACKUP"))).orElseThrow();
        assertThat(good.holder()).isEqualTo("lb-1");
        assertThat(good.look().word()).isEqualTo("198.51.100.50 → lb-1");
        assertThat(good.look().tone()).isEqualTo(Tone.GOOD);

        var moving = ServerLook.reservedIp(List.of(lb("lb-1", false, "MASTER"), lb("lb-2", true, "BACKUP"))).orElseThrow();
        assertThat(moving.holder()).isEqualTo("lb-2");
        assertThat(moving.look().tone()).isEqualTo(Tone.WARNING);
        assertThat(moving.look().detail()).contains("its keepalived is BACKUP");

        var none = ServerLook.reservedIp(List.of(lb("lb-1", false, "FAULT"), lb("lb-2", false, "FAULT"))).orElseThrow();
        assertThat(none.holder()).isNull();
        assertThat(none.look().tone()).isEqualTo(Tone.BAD);

        assertThat(ServerLook.reservedIp(List.of(ServerLive.of("lb-1", Role.BALANCER, ServerState.READY)))).isEmpty();
    }

    @Test
    void theManagedBalancerIsPublishedWithItsAddressAndLook() {
        LiveClusterState live = new LiveClusterState("crater");
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        live.addListener(events::add);
        live.setManagedBalancer("orrery-crater", "new", null, "no address yet");
        live.setManagedBalancer("orrery-crater", "active", "203.0.113.77", "203.0.113.77 · 2 droplet(s) behind it");
        List<LiveEvent.ServerChanged> changed = events.stream().filter(e -> e instanceof LiveEvent.ServerChanged)
                .map(e -> (LiveEvent.ServerChanged) e).toList();
        assertThat(changed).hasSize(2);
        assertThat(changed.get(0).look().badge()).isEqualTo("NEW");
        assertThat(changed.get(0).server().facts()).doesNotContainKey(ServerLook.MANAGED_IP);
        assertThat(changed.get(1).was().badge()).isEqualTo("NEW");
        assertThat(changed.get(1).look().badge()).isEqualTo("ACTIVE");
        assertThat(changed.get(1).server().facts()).containsEntry(ServerLook.MANAGED_IP, "203.0.113.77");
    }
}
