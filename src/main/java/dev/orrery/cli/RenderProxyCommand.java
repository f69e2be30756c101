package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;

import java.util.List;

/** {@code orrery render-proxy CLUSTER.json}: prints the balancer configuration a push would write. */
final class RenderProxyCommand implements CliCommand {
    @Override
    public String name() {
        return "render-proxy";
    }

    @Override
    public String usage() {
        return "render-proxy CLUSTER.json [--check-module]  print the balancer's nginx.conf or haproxy.cfg";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        for (String a : args) {
            if (a.startsWith("--") && !a.equals("--check-module")) {
                throw new UsageException("unknown option " + a + "; usage: " + usage());
            }
        }
        Cluster c = ClusterArg.load(args, usage());
        // A push detects the module on the balancer (nginx -V); offline, the flag says what to assume.
        BalancerFeatures features = args.contains("--check-module") ? new BalancerFeatures(true, false) : BalancerFeatures.STOCK;
        ctx.out().print(ProxyRenderer.render(c, BalancerLayout.droplet(c.balancer().kind()), features).text());
        return 0;
    }
}
