package dev.orrery.proxy;

import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Hostile names, addresses and server names never reach a configuration: refused with the field and why. */
class RenderRefusalTest {

    private static Cluster base(BalancerKind kind) {
        return Variant.cluster(kind, Stickiness.IP_HASH, true, "/srv/lb");
    }

    private static void refused(BalancerKind kind, UnaryOperator<Cluster> edit, String field, String why) {
        Cluster c = edit.apply(base(kind));
        InvalidClusterException e = catchThrowableOfType(InvalidClusterException.class,
                () -> ProxyRenderer.render(c, BalancerLayout.under("/srv/lb", kind), BalancerFeatures.STOCK));
        assertThat(e).as("render of a cluster with a bad %s", field).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(why);
        });
    }

    private static Balancer tls(Balancer b, Tls t) {
        return new Balancer(b.kind(), b.stickiness(), b.healthCheck(), t, b.httpPort(), b.httpsPort(), b.drained());
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"}) // the programs Orrery renders files for
    void hostileValuesAreRefusedWithTheirField(BalancerKind kind) {
        refused(kind, c -> c.replaceServer("app-1", c.server("app-1").orElseThrow().withName("app-1;evil")),
                "servers[1].name", "';'");
        refused(kind, c -> c.replaceServer("app-2", c.server("app-2").orElseThrow().withAddresses("203.0.113.12", "10.0.0.1:80; server 6.6.6.6")),
                "servers[2].privateAddress", "not allowed");
        refused(kind, c -> c.replaceServer("app-2", c.server("app-2").orElseThrow().withAddresses("203.0.113.12", "evil}")),
                "servers[2].privateAddress", "nginx block");
        refused(kind, c -> c.withBalancer(tls(c.balancer(), new Tls("crater.test\n    return 200", "/srv/c.pem", "/srv/k.pem"))),
                "balancer.tls.serverName", "line break");
        refused(kind, c -> c.withBalancer(tls(c.balancer(), new Tls("crater.test", "/srv/c.pem /etc/shadow", "/srv/k.pem"))),
                "balancer.tls.certificatePath", "white space");
        refused(kind, c -> c.withBalancer(tls(c.balancer(), new Tls("crater.test", "/srv/c.pem", "$(reboot)"))),
                "balancer.tls.keyPath", "command substitution");
        refused(kind, c -> c.withBalancer(c.balancer().withHealthCheck(new HealthCheck("/health\" ; evil", 750, 2, 2, 1000))),
                "balancer.healthCheck.path", "quote");
        refused(kind, c -> new Cluster("crater`id`", c.app(), c.balancer(), c.servers()), "name", "backtick");
    }

    @ParameterizedTest
    @EnumSource(value = BalancerKind.class, names = {"NGINX", "HAPROXY"}) // the programs Orrery renders files for
    void aClusterWithoutAppServersOrWithABadLayoutIsRefused(BalancerKind kind) {
        Cluster noApps = new Cluster("crater", base(kind).app(), base(kind).balancer().withDrained("app-3", false),
                List.of(Server.of("lb-1", Role.BALANCER, "10.0.1.2")));
        InvalidClusterException e = catchThrowableOfType(InvalidClusterException.class,
                () -> ProxyRenderer.render(noApps, BalancerLayout.under("/srv/lb", kind), BalancerFeatures.STOCK));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("servers"));

        BalancerLayout bad = BalancerLayout.under("/srv/lb;rm -rf", kind);
        InvalidClusterException e2 = catchThrowableOfType(InvalidClusterException.class,
                () -> ProxyRenderer.render(base(kind), bad, BalancerFeatures.STOCK));
        assertThat(e2.problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("layout.configPath"));
    }
}
