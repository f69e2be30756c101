package dev.orrery.tls;

import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.BeforeAll;

/** {@link TlsBalancerITBase} behind nginx: the certificate is read per handshake, renewed with no reload. */
class TlsNginxIT extends TlsBalancerITBase {
    @BeforeAll
    static void start() throws Exception {
        rig = new TlsRig(BalancerKind.NGINX);
    }

    @Override
    String kind() {
        return "nginx";
    }
}
