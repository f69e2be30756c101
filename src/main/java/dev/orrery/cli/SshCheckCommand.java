package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshHosts;
import dev.orrery.remote.SudoRefusedException;
import dev.orrery.security.FirewallCommands;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code orrery ssh-check CLUSTER.json [--accept-new-host-keys] [--json]}: logs in to every server
 * and runs {@code true} (through sudo for a non-root user) and a firewall check, one after the other (so host-key questions come one at a time), then
 * prints a table and each failure in full. Exit 0 when every server answered.
 */
@CommandLine.Command(name = "ssh-check", mixinStandardHelpOptions = true,
        description = {"Log in to every server over SSH and report.", "Runs `true` on each server, one after the other. Exit 0 when every server answered."})
final class SshCheckCommand extends CliBase {
    @Parameters(index = "0", paramLabel = ClusterArg.LABEL, description = ClusterArg.DESCRIPTION)
    Path file;

    @Mixin
    HostKeyOption hostKeys;

    @Option(names = "--json", description = "Print JSON (shape in the README) instead of a table.")
    boolean json;

    /**
     * One server's answer. {@code login}: {@code root}, {@code sudo} (another user, passwordless
     * sudo works) or {@code sudo refused}; {@code firewall}: what filters its input
     * ({@code orrery}, {@code other-rules}, {@code open}, {@code no-nft}), null when not reached.
     */
    record Row(Server server, boolean ok, long ms, String error, String login, String firewall) {
    }

    @Override
    protected int execute() throws Exception {
        Cluster cluster = ClusterArg.load(file);
        OrreryKnownHosts known = ctx().orrery().knownHosts();
        List<Row> rows = new ArrayList<>();
        try (SshHosts hosts = ctx().sshHosts(hostKeys.acceptNew)) {
            for (Server s : cluster.servers()) {
                SshHost host = hosts.hostFor(s);
                long start = System.nanoTime();
                String error = null;
                String login = "root".equals(s.sshUser()) ? "root" : "sudo";
                String firewall = null;
                try {
                    host.run(Command.of("true")); // as another user this goes through Privilege, so a refusal names the sudoers line needed
                    firewall = host.run(FirewallCommands.hostState()).output().strip();
                } catch (SudoRefusedException e) {
                    login = "sudo refused";
                    error = e.getMessage();
                } catch (RemoteException e) {
                    error = e.getMessage();
                }
                rows.add(new Row(s, error == null, (System.nanoTime() - start) / 1_000_000, error, login, firewall));
            }
        }
        long ok = rows.stream().filter(Row::ok).count();
        if (json) {
            JsonOutput.print(ctx(), JsonShapes.SshCheck.of(rows, known.orreryFile()));
            return ok == rows.size() ? 0 : 1;
        }
        TextTable table = new TextTable("SERVER", "SSH", "RESULT", "AS", "FIREWALL", "TIME");
        for (Row r : rows) {
            table.row(r.server().name(), target(r.server()), r.ok() ? "ok" : "FAILED", r.login(), r.firewall() != null ? r.firewall() : "?", r.ms() + " ms");
        }
        ctx().out().print(table);
        for (Row r : rows) {
            if (!r.ok()) {
                ctx().out().println();
                ctx().out().println(r.error());
            }
        }
        ctx().out().println();
        ctx().out().println(ok + " of " + rows.size() + " servers answered over SSH (known hosts: " + known.orreryFile() + ")");
        return ok == rows.size() ? 0 : 1;
    }

    static String target(Server s) {
        return s.sshUser() + "@" + s.publicAddress() + ":" + s.sshPort();
    }
}
