package dev.orrery.ops;

import dev.orrery.model.BalancerKind;

/** Issue 14's operations under load behind HAProxy. */
class HaproxyOpsUnderLoadIT extends OpsUnderLoadITBase {
    HaproxyOpsUnderLoadIT() {
        super(BalancerKind.HAPROXY);
    }
}
