package dev.orrery.ha;

import dev.orrery.remote.Command;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commands failover runs, as text: paths travel quoted, the token never appears, the state file parses. */
class FailoverCommandsTest {

    @Test
    void pathsAreQuotedArgumentsNeverPartOfTheScript() {
        HaLayout test = new HaLayout("/srv/ka/k.conf", "/srv/ka/ha");
        Command c = FailoverCommands.reloadOrStart(test);
        assertThat(c.line()).endsWith("' sh /srv/ka/k.conf /srv/ka/ha/keepalived.pid /srv/ka/ha/vrrp.pid");
        assertThat(FailoverCommands.folders(test).line()).endsWith("' sh /srv/ka/ha /srv/ka/k.conf");
        for (String hostile : List.of("/etc/keep alived/k.conf", "/etc/k'.conf", "/etc/k.conf\nnotify", "/etc/$(reboot)")) {
            assertThatThrownBy(() -> new HaLayout(hostile, "/etc/orrery/ha")).as(hostile).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FailoverCommands.validate("/etc/keepalived/keepalived.conf.orrery-new").line())
                .isEqualTo("keepalived -t -f /etc/keepalived/keepalived.conf.orrery-new");
        assertThatThrownBy(() -> new HaLayout("/etc/keepalived/k.conf", "/etc/orrery/ha$(reboot)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onADropletSystemdRunsKeepalived() {
        assertThat(FailoverCommands.reloadOrStart(HaLayout.droplet()).line())
                .isEqualTo("(systemctl enable --quiet keepalived) && (systemctl reload-or-restart keepalived)");
        assertThat(FailoverCommands.stop(HaLayout.droplet()).line()).isEqualTo("systemctl stop keepalived");
    }

    @Test
    void theTokenIsHiddenAndOnlyASafeOneIsKept() {
        BalancerToken t = new BalancerToken("dop_v1_abcdef0123456789");
        assertThat(t.toString()).doesNotContain("abcdef");
        assertThat(new String(t.fileBytes())).isEqualTo("dop_v1_abcdef0123456789\n");
        assertThatThrownBy(() -> new BalancerToken("dop_v1_abc\"; reboot")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("reboot");
        assertThatThrownBy(() -> new BalancerToken("short")).isInstanceOf(IllegalArgumentException.class);
        assertThat(BalancerToken.slot("Crater").fileName()).isEqualTo("failover-token.crater");
    }

    @Test
    void theNotifyScriptsStateLineParses() {
        assertThat(KeepalivedState.parse("MASTER 1764547200 assigned 203.0.113.10 to droplet 3164444"))
                .isEqualTo(new KeepalivedState("MASTER", 1764547200L, "assigned 203.0.113.10 to droplet 3164444"));
        assertThat(KeepalivedState.parse("BACKUP 1764547200 the reserved IP is the peer's to take").master()).isFalse();
        assertThat(KeepalivedState.parse(FailoverCommands.NO_STATE)).isEqualTo(KeepalivedState.UNKNOWN);
        assertThat(KeepalivedState.parse("<script>x</script> 1 2").state()).isEqualTo("UNKNOWN");
    }
}
