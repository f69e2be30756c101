package dev.orrery.ops;

import dev.orrery.model.BalancerKind;

/** Issue 14's operations under load behind nginx 1.22 (stock). */
class NginxOpsUnderLoadIT extends OpsUnderLoadITBase {
    NginxOpsUnderLoadIT() {
        super(BalancerKind.NGINX);
    }
}
