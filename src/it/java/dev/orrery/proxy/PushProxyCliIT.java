package dev.orrery.proxy;

import dev.orrery.cli.OrreryCli;
import dev.orrery.it.Spawned;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery push-proxy CLUSTER.json} over real SSH to a test host, with the terminal's host-key question. */
class PushProxyCliIT {

    private record Run(int exit, String out, String err) { }

    private static Run cli(Path home, String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OrreryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(input)), new OrreryHome(home));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pushesOverSshAfterTheUserTrustsTheHostKey() throws Exception {
        try (TestHosts hosts = TestHosts.start(2)) {
            TestHost lb = hosts.get(0);
            TestHost app = hosts.get(1);
            Spawned node = app.spawn("env", "PORT=3000", "SERVER=app-1", "VERSION=7", "node", BalancerRig.testApp().toString());
            try {
                Cluster c = new Cluster("cli", new AppSpec("cli", 3000, null, null),
                        new Balancer(BalancerKind.NGINX, Stickiness.IP_HASH, new HealthCheck("/health", 750, 2, 2, 1000), null, 80, 443, List.of()),
                        List.of(Server.of("lb-1", Role.BALANCER, lb.address()).withSsh("root", lb.sshPort(), hosts.clientKey().toString()),
                                Server.of("app-1", Role.APP, app.address())));
                Path dir = hosts.scratch("push-proxy-cli");
                Path file = dir.resolve("cli.json");
                ClusterStore.save(file, c);

                Run refused = cli(dir.resolve("home"), "no\n", "push-proxy", file.toString());
                assertThat(refused.exit()).isEqualTo(1);
                assertThat(refused.err()).contains(lb.hostKeyFingerprint());
                assertThat(lb.exec("test", "-e", "/etc/nginx/nginx.conf.orrery-prev").ok()).isFalse();

                Run pushed = cli(dir.resolve("home"), "yes\n", "push-proxy", file.toString());
                assertThat(pushed.exit()).as(pushed.out() + pushed.err()).isZero();
                assertThat(pushed.out()).contains("Validate with the balancer's own nginx -t").contains("live: orrery ");
                assertThat(pushed.err()).contains("Are you sure you want to trust this key");

                dev.orrery.it.Wait.until("app-1 through the balancer", () -> {
                    try {
                        return RawHttp.once(null, lb.address(), 80, "GET", "/").server().equals("app-1");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                // the key is remembered: no question the second time
                Run again = cli(dir.resolve("home"), "", "push-proxy", file.toString());
                assertThat(again.exit()).as(again.err()).isZero();
                assertThat(again.err()).doesNotContain("Are you sure");
            } finally {
                lb.exec("nginx", "-s", "quit");
                node.stop();
            }
        }
    }
}
