package dev.orrery.tls;

import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.BeforeAll;

/** {@link TlsTimerITBase} on HAProxy: the script adds tokens and the certificate through the runtime API. */
class TlsTimerHaproxyIT extends TlsTimerITBase {
    @BeforeAll
    static void start() throws Exception {
        assumeDehydrated();
        rig = new TlsRig(BalancerKind.HAPROXY, "/etc/cron.d", "/etc/systemd/system");
    }

    @Override
    String kind() {
        return "haproxy";
    }
}
