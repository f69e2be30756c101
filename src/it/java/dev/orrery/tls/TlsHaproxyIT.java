package dev.orrery.tls;

import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.BeforeAll;

/** {@link TlsBalancerITBase} behind HAProxy: tokens and certificates go through the runtime API, no reload. */
class TlsHaproxyIT extends TlsBalancerITBase {
    @BeforeAll
    static void start() throws Exception {
        rig = new TlsRig(BalancerKind.HAPROXY);
    }

    @Override
    String kind() {
        return "haproxy";
    }
}
