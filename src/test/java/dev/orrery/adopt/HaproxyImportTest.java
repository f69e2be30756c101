package dev.orrery.adopt;

import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.KeptDirective.Context;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hand-written haproxy.cfg for the seed's cluster, read into the model. */
class HaproxyImportTest {

    static HaproxyConf seed() throws Exception {
        return HaproxyConf.parse("/etc/haproxy/haproxy.cfg", Resources.text("seed-haproxy.cfg"));
    }

    @Test
    void theBackendFrontendAndSectionsBecomeTheModel() throws Exception {
        ImportResult r = HaproxyImport.read(seed(), null, "crater.io");
        Balancer b = r.cluster().balancer();
        assertThat(b.kind()).isEqualTo(BalancerKind.HAPROXY);
        assertThat(b.stickiness()).isEqualTo(Stickiness.CONSISTENT_HASH);
        assertThat(b.healthCheck()).isEqualTo(new HealthCheck("/health", 750, 2, 2, 1000));
        assertThat(b.tls().certificatePath()).isEqualTo("/etc/haproxy/certs/crater.io.pem");
        assertThat(b.tls().keyPath()).isEqualTo("/etc/haproxy/certs/crater.io.pem");
        assertThat(b.drained()).containsExactly("app-3");
        assertThat(r.cluster().app().port()).isEqualTo(3000);
        assertThat(r.cluster().appServers()).extracting(Server::name).containsExactly("app-1", "app-2", "app-3");
        assertThat(b.kept()).contains(new KeptDirective(Context.GLOBAL, "chroot /var/lib/haproxy"),
                new KeptDirective(Context.DEFAULTS, "option	httplog"),
                new KeptDirective(Context.FRONTEND, "http-request set-header X-Client-IP %[src]"));
        assertThat(NginxImportTest.item(r, "server spare").outcome()).isEqualTo(ImportItem.Outcome.REFUSED);
        assertThat(NginxImportTest.item(r, "listen stats").detail()).contains("runtime API");
        assertThat(NginxImportTest.item(r, "timeout client").outcome()).isEqualTo(ImportItem.Outcome.REPLACED);
        assertThat(NginxImportTest.item(r, "user haproxy").detail()).isEqualTo("Orrery writes the same");
    }

    @Test
    void theSiteNameComesFromRootUrlWhenNotGivenAndTlsWaitsForOneOtherwise() throws Exception {
        Cluster base = new Cluster("crater", new AppSpec("crater", 3000, Map.of("ROOT_URL", "https://crater.io/app"), List.of()),
                Balancer.defaults(), List.of());
        assertThat(HaproxyImport.read(seed(), base, null).cluster().balancer().tls().serverName()).isEqualTo("crater.io");
        ImportResult none = HaproxyImport.read(seed(), null, null);
        assertThat(none.cluster().balancer().tls()).isNull();
        assertThat(none.notes()).anyMatch(n -> n.contains("pass --server-name"));
    }

    @Test
    void cookieStickinessAndRoundRobin() throws Exception {
        String cfg = Resources.text("seed-haproxy.cfg").replace("balance source\n\thash-type consistent", "balance roundrobin\n\tcookie SERVERID insert indirect nocache");
        assertThat(HaproxyImport.read(HaproxyConf.parse("h.cfg", cfg), null, "crater.io").cluster().balancer().stickiness()).isEqualTo(Stickiness.COOKIE);
        String rr = Resources.text("seed-haproxy.cfg").replace("balance source\n\thash-type consistent\n", "");
        assertThat(HaproxyImport.read(HaproxyConf.parse("h.cfg", rr), null, "crater.io").cluster().balancer().stickiness()).isEqualTo(Stickiness.NONE);
    }

    @Test
    void aConfigurationWithoutAFrontendIsRefused() {
        assertThatThrownBy(() -> HaproxyImport.read(HaproxyConf.parse("h.cfg", "global\n  daemon\nbackend b\n  server a 10.0.1.2:80\n"), null, null))
                .isInstanceOf(ImportException.class).hasMessageContaining("no frontend");
    }
}
