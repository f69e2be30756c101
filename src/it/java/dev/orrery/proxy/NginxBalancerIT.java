package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.BeforeAll;

/** Stock nginx on a test host, consistent-hash stickiness (each client address on its own). */
class NginxBalancerIT extends BalancerITBase {

    @BeforeAll
    static void start() throws Exception {
        startRig(BalancerKind.NGINX);
    }

    @Override
    Stickiness stickiness() {
        return Stickiness.CONSISTENT_HASH;
    }
}
