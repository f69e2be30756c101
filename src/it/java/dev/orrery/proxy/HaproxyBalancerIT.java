package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.BeforeAll;

/** HAProxy on a test host, stickiness by source address; drain through the runtime API. */
class HaproxyBalancerIT extends BalancerITBase {

    @BeforeAll
    static void start() throws Exception {
        startRig(BalancerKind.HAPROXY);
    }

    @Override
    Stickiness stickiness() {
        return Stickiness.IP_HASH;
    }
}
