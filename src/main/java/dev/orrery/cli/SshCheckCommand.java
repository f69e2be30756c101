package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshHosts;
import dev.orrery.security.ServerSecurity;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code orrery ssh-check CLUSTER.json [--accept-new-host-keys] [--json]}: logs in to every server
 * and runs {@code true} (through sudo for a non-root user) and a firewall check, one after the other (so host-key questions come one at a time), then
 * prints a table and each failure in full. Exit 0 when every server answered.
 */
@CommandLine.Command(name = "ssh-check", mixinStandardHelpOptions = true,
        description = {"Log in to every server over SSH and report.", "Runs `true` on each server, one after the other, and says how it logs in "
                + "(root or sudo), what runs the app (systemd or supervisor), its firewalls, and whether the app port answers from outside. "
                + "Exit 0 when every server answered."})
final class SshCheckCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Mixin
    HostKeyOption hostKeys;

    @Option(names = "--json", description = "Print JSON (shape in the README) instead of a table.")
    boolean json;

    @Override
    protected int execute() throws Exception {
        Cluster cluster = ClusterArg.load(file);
        OrreryKnownHosts known = ctx().orrery().knownHosts();
        List<ServerSecurity> rows;
        try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
            // one server after the other inside the job, so host-key questions come one at a time
            rows = ctx().engine().submit(ctx().orrery().securityCheckJob(cluster, hosts)).result().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        long ok = rows.stream().filter(ServerSecurity::reached).count();
        if (json) {
            JsonOutput.print(ctx(), JsonShapes.SshCheck.of(rows, known.orreryFile()));
            return ok == rows.size() ? 0 : 1;
        }
        TextTable table = new TextTable("SERVER", "SSH", "RESULT", "AS", "INIT", "FIREWALL", "CLOUD FIREWALL", "APP PORT FROM OUTSIDE", "TIME");
        for (ServerSecurity r : rows) {
            table.row(r.server(), r.target(), r.reached() ? "ok" : "FAILED", r.login(), orQ(r.init()), orQ(r.hostFirewall()),
                    r.cloudFirewall(), r.appPortOutside(), r.ms() + " ms");
        }
        ctx().out().print(table);
        for (ServerSecurity r : rows) {
            if (!r.reached()) {
                ctx().out().println();
                ctx().out().println(r.error());
            }
        }
        List<String> exposed = rows.stream().filter(ServerSecurity::appPortExposed).map(ServerSecurity::server).toList();
        if (!exposed.isEmpty()) {
            ctx().out().println();
            ctx().out().println("warning: the app port answers from outside the private network on " + String.join(", ", exposed)
                    + "; `orrery firewall apply` closes it to all but the balancer");
        }
        ctx().out().println();
        ctx().out().println(ok + " of " + rows.size() + " servers answered over SSH (known hosts: " + known.orreryFile() + ")");
        return ok == rows.size() ? 0 : 1;
    }

    private static String orQ(String v) {
        return v != null ? v : "?";
    }

    static String target(Server s) {
        return s.sshUser() + "@" + s.publicAddress() + ":" + s.sshPort();
    }
}
