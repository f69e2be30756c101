package dev.orrery.proxy;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;

import java.util.ArrayList;
import java.util.List;

/** One golden-file variant: balancer kind × stickiness × check module × TLS (by hand, or ACME with a per-handshake certificate). */
record Variant(BalancerKind kind, Stickiness stickiness, boolean checkModule, boolean stickyModule, boolean tls, boolean acme) {

    Variant(BalancerKind kind, Stickiness stickiness, boolean checkModule, boolean stickyModule, boolean tls) {
        this(kind, stickiness, checkModule, stickyModule, tls, false);
    }

    /** Goldens are rendered under this directory; tests that run the real binaries swap in a temp directory. */
    static final String GOLDEN_DIR = "/srv/orrery-golden";

    static List<Variant> all() {
        List<Variant> out = new ArrayList<>();
        for (Stickiness s : Stickiness.values()) {
            for (boolean check : new boolean[] {false, true}) {
                for (boolean tls : new boolean[] {false, true}) {
                    out.add(new Variant(BalancerKind.NGINX, s, check, false, tls));
                }
            }
        }
        out.add(new Variant(BalancerKind.NGINX, Stickiness.COOKIE, false, true, true));
        for (Stickiness s : Stickiness.values()) {
            for (boolean tls : new boolean[] {false, true}) {
                out.add(new Variant(BalancerKind.HAPROXY, s, false, false, tls));
            }
        }
        out.add(new Variant(BalancerKind.NGINX, Stickiness.IP_HASH, false, false, true, true));
        out.add(new Variant(BalancerKind.HAPROXY, Stickiness.COOKIE, false, false, true, true));
        return out;
    }

    String fileName() {
        String stick = stickiness.name().toLowerCase();
        return kind == BalancerKind.NGINX
                ? "nginx-" + stick + (checkModule ? "-checkmodule" : "-stock") + (stickyModule ? "-stickymodule" : "")
                        + (acme ? "-acme" : tls ? "-tls" : "-plain") + ".conf"
                : "haproxy-" + stick + (acme ? "-acme" : tls ? "-tls" : "-plain") + ".cfg";
    }

    BalancerFeatures features() {
        return new BalancerFeatures(checkModule, stickyModule);
    }

    Cluster cluster(String dir) {
        Cluster c = cluster(kind, stickiness, tls, dir);
        return acme ? c.withBalancer(new dev.orrery.model.Balancer(kind, stickiness, c.balancer().healthCheck(),
                c.balancer().tls().withAcme(new dev.orrery.model.Acme("letsencrypt", "ops@crater.test", List.of("www.crater.test"),
                        dev.orrery.model.Acme.Challenge.HTTP_01, null, null)), 80, 443, c.balancer().drained())) : c;
    }

    BalancerLayout layout(String dir) {
        return BalancerLayout.under(dir, kind);
    }

    String toString(String dir) {
        return fileName() + " under " + dir;
    }

    /** The seed's cluster: a balancer and three app servers on private addresses, app-3 drained. */
    static Cluster cluster(BalancerKind kind, Stickiness stickiness, boolean tls, String dir) {
        Tls t = tls ? new Tls("crater.test", dir + "/tls/cert.pem", dir + "/tls/key.pem") : null;
        Balancer b = new Balancer(kind, stickiness, new HealthCheck("/health", 750, 2, 2, 1000), t, 80, 443, List.of("app-3"));
        return new Cluster("crater", new AppSpec("crater", 3000, null, null), b, List.of(
                Server.of("lb-1", Role.BALANCER, "203.0.113.10").withAddresses("203.0.113.10", "10.0.1.2"),
                Server.of("app-1", Role.APP, "203.0.113.11").withAddresses("203.0.113.11", "10.0.1.73"),
                Server.of("app-2", Role.APP, "203.0.113.12").withAddresses("203.0.113.12", "10.0.1.151"),
                Server.of("app-3", Role.APP, "203.0.113.13").withAddresses("203.0.113.13", "10.0.1.200")));
    }
}
