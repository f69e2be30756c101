package dev.orrery.tls;

import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.BeforeAll;

/** {@link TlsTimerITBase} on nginx. */
class TlsTimerNginxIT extends TlsTimerITBase {
    @BeforeAll
    static void start() throws Exception {
        assumeDehydrated();
        rig = new TlsRig(BalancerKind.NGINX, "/etc/cron.d", "/etc/systemd/system");
    }

    @Override
    String kind() {
        return "nginx";
    }
}
