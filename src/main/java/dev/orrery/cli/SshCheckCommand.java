package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshHosts;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code orrery ssh-check CLUSTER.json [--accept-new-host-keys]}: logs in to every server and
 * runs {@code true}, one after the other (so host-key questions come one at a time), then prints
 * a table and each failure in full. Exit 0 when every server answered.
 */
final class SshCheckCommand implements CliCommand {
    @Override
    public String name() {
        return "ssh-check";
    }

    @Override
    public String usage() {
        return "ssh-check CLUSTER.json [--accept-new-host-keys]   log in to every server over SSH and report";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws Exception {
        boolean acceptNew = false;
        for (String a : args) {
            if (a.equals(TerminalHostKeyPrompt.ACCEPT_NEW_FLAG)) {
                acceptNew = true;
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a + "; usage: " + usage());
            }
        }
        Cluster cluster = ClusterArg.load(args, usage());
        OrreryKnownHosts known = ctx.orrery().knownHosts();
        TextTable table = new TextTable("SERVER", "SSH", "RESULT", "TIME");
        List<String> failures = new ArrayList<>();
        try (SshHosts hosts = ctx.sshHosts(acceptNew)) {
            for (Server s : cluster.servers()) {
                SshHost host = hosts.hostFor(s);
                long start = System.nanoTime();
                String result;
                try {
                    host.run(Command.of("true"));
                    result = "ok";
                } catch (RemoteException e) {
                    result = "FAILED";
                    failures.add(e.getMessage());
                }
                table.row(s.name(), s.sshUser() + "@" + s.publicAddress() + ":" + s.sshPort(), result, (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        }
        ctx.out().print(table);
        for (String f : failures) {
            ctx.out().println();
            ctx.out().println(f);
        }
        ctx.out().println();
        ctx.out().println((cluster.servers().size() - failures.size()) + " of " + cluster.servers().size() + " servers answered over SSH"
                + " (known hosts: " + known.orreryFile() + ")");
        return failures.isEmpty() ? 0 : 1;
    }
}
