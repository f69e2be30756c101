package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code orrery render-proxy CLUSTER.json}: prints the balancer configuration a push would write. */
@Command(name = "render-proxy", mixinStandardHelpOptions = true,
        description = {"Print the balancer configuration a push would write.", "The nginx.conf or haproxy.cfg. Servers that cannot take traffic "
                + "(provisioning, failed) are left out, and named on standard error."})
final class RenderProxyCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Option(names = "--check-module", description = "Assume nginx has nginx_upstream_check_module (a push finds out with nginx -V).")
    boolean checkModule;

    @Override
    protected int execute() throws Exception {
        Cluster c = ClusterArg.load(file);
        // A push detects the module on the balancer (nginx -V); offline, the flag says what to assume.
        BalancerFeatures features = checkModule ? new BalancerFeatures(true, false) : BalancerFeatures.STOCK;
        String text = ProxyRenderer.render(c, BalancerLayout.droplet(c.balancer().kind()), features).text();
        ProxyRenderer.leftOut(c).forEach(why -> ctx().err().println("orrery render-proxy: left out of the balancer (it cannot take traffic): " + why));
        ctx().out().print(text);
        return 0;
    }
}
