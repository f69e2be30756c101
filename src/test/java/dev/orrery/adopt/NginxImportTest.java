package dev.orrery.adopt;

import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyRenderer;
import org.junit.jupiter.api.Test;

class NginxImportTest {
    @Test
    void seed() throws Exception {
        NginxConf conf = NginxConf.fromDump(Resources.text("seed-nginx-T.txt"));
        ImportResult r = NginxImport.read(conf, null, new NginxImport.Options(false));
        System.out.println(r.text());
        ProxyConfig rendered = ProxyRenderer.render(r.cluster(), BalancerLayout.droplet(r.cluster().balancer().kind()), BalancerFeatures.STOCK);
        System.out.println(rendered.text());
        ConfDiff d = ProxyDiffs.nginx(conf, rendered, "/etc/nginx/nginx.conf");
        System.out.println(d.text(ProxyDiffs.notes(false)));
        ProxyConfig withModule = ProxyRenderer.render(r.cluster(), BalancerLayout.droplet(r.cluster().balancer().kind()), new BalancerFeatures(true, false));
        System.out.println(ProxyDiffs.nginx(conf, withModule, "/etc/nginx/nginx.conf").text(ProxyDiffs.notes(true)));
    }
}
