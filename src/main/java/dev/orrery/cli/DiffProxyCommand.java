package dev.orrery.cli;

import dev.orrery.adopt.ProxyDiff;
import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.engine.AdoptJobs;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code orrery diff-proxy CLUSTER.json}: what a push would change on the live balancer, directive by directive. */
@Command(name = "diff-proxy", mixinStandardHelpOptions = true,
        description = {"Show what a push would change on the live balancer, directive by directive (nothing is changed).",
                "Reads the live configuration over SSH (nginx -T, or haproxy.cfg) and compares it with what Orrery would write.",
                "Comments, order, spacing, quoting, time units and nginx's or HAProxy's own defaults make no difference."},
        footer = {"", "Exit codes: 0 done (with --exit-code: 0 no change, 3 changes), 1 failure, 2 bad command line."})
final class DiffProxyCommand extends CliBase {
    @Parameters(paramLabel = "CLUSTER.json")
    Path cluster;
    @Option(names = TerminalHostKeyPrompt.ACCEPT_NEW_FLAG, description = "trust the balancer's key if it is seen for the first time")
    boolean acceptNew;
    @Option(names = "--exit-code", description = "exit 3 when a push would change something")
    boolean exitCode;
    @Option(names = "--json", description = "print the changes as JSON")
    boolean json;
    @Option(names = "--live-file", paramLabel = "FILE", description = {"compare with a configuration saved on this computer",
            "(nginx -T output, an nginx.conf or an haproxy.cfg) instead of the live one"})
    Path liveFile;
    @Option(names = "--check-module", description = "with --live-file: the balancer's nginx has nginx_upstream_check_module")
    boolean checkModule;

    @Override
    protected int execute() throws Exception {
        Cluster c = ClusterStore.load(cluster);
        try (SshHosts hosts = ctx().sshHosts(acceptNew)) {
            ProxyDiff d = AdoptOutput.run(ctx(), liveFile != null ? AdoptJobs.diffProxyFromFile(c, liveFile, checkModule)
                    : AdoptJobs.diffProxy(c, hosts), json);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("live", d.live().mainFile());
                m.put("source", d.live().source());
                m.put("warnings", d.live().warnings());
                m.put("fingerprint", d.rendered().fingerprint());
                m.put("noChange", d.diff().isEmpty());
                m.put("changes", d.diff().changes().stream().map(DiffProxyCommand::change).toList());
                m.put("noEffect", d.diff().noEffect().stream().map(DiffProxyCommand::change).toList());
                ctx().out().println(Json.mapper().writeValueAsString(m));
            } else {
                ctx().out().println();
                ctx().out().print(d.text());
            }
            return exitCode && !d.diff().isEmpty() ? 3 : 0;
        }
    }

    private static Map<String, Object> change(ConfDiff.Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("context", c.context());
        m.put("before", c.before());
        m.put("after", c.after());
        return m;
    }
}
