package dev.orrery.adopt;

import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import org.junit.jupiter.api.Test;

class HaproxyImportTest {
    @Test
    void seed() throws Exception {
        HaproxyConf conf = HaproxyConf.parse("/etc/haproxy/haproxy.cfg", Resources.text("seed-haproxy.cfg"));
        ImportResult r = HaproxyImport.read(conf, null, "crater.io");
        System.out.println(r.text());
        ProxyConfig rendered = ProxyRenderer.render(r.cluster(), BalancerLayout.droplet(r.cluster().balancer().kind()), BalancerFeatures.STOCK);
        System.out.println(rendered.text());
        System.out.println(ProxyDiffs.haproxy(conf, rendered).text(ProxyDiffs.notes(false)));
    }
}
