package dev.orrery.cli;

import dev.orrery.lock.ClusterLock;
import dev.orrery.lock.LockState;
import dev.orrery.lock.LockSite;
import dev.orrery.model.Cluster;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code orrery lock show|clear CLUSTER.json}: the cluster's lock, kept on its balancer. Deploy,
 * rollback, provision, decommission, push-proxy and balancer switch take it; a lock whose holder
 * stopped its heartbeat is shown as stale and removed only by {@code clear}.
 */
@Command(name = "lock", mixinStandardHelpOptions = true,
        description = "Show or clear the cluster's lock (kept on its balancer; deploy, rollback, provision, decommission, "
                + "push-proxy and balancer switch take it).",
        subcommands = {LockCommand.Show.class, LockCommand.Clear.class})
final class LockCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say show or clear");
    }

    abstract static class OnCluster extends CliBase {
        @Parameters(index = "0", paramLabel = "CLUSTER.json", description = "the cluster file")
        Path clusterFile;

        @Option(names = "--accept-new-host-keys", description = "trust the host key of a balancer seen for the first time")
        boolean acceptNew;

        /** Runs {@code work} with the lock reached through a pool of SSH connections that ends with the command. */
        int withLock(LockWork work) throws Exception {
            Cluster cluster = ClusterStore.load(clusterFile);
            try (SshHosts hosts = ctx().sshHosts(acceptNew)) {
                return work.run(cluster, ctx().orrery().clusterLock(hosts));
            }
        }

        String site(Cluster cluster) {
            java.util.List<String> on = LockSite.all(cluster).stream().map(s -> s.name()).toList();
            return on.isEmpty() ? "in this data folder (the cluster has no server to keep it)" : "on " + String.join(" and ", on);
        }
    }

    @FunctionalInterface
    interface LockWork {
        int run(Cluster cluster, ClusterLock lock) throws Exception;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Who holds the cluster's lock, since when, and whether it looks stale.")
    static final class Show extends OnCluster {
        @Option(names = "--json", description = "print the lock as JSON: {\"cluster\", \"locked\", \"holder\", \"operation\", \"since\", \"stale\", \"where\"}")
        boolean json;

        @Override
        protected int execute() throws Exception {
            return withLock((cluster, lock) -> {
                Optional<LockState> state = lock.read(cluster);
                if (json) {
                    ctx().out().println(json(cluster.name(), state));
                } else if (state.isEmpty()) {
                    ctx().out().println(cluster.name() + " is not locked (the lock lives " + site(cluster) + ")");
                } else {
                    ctx().out().println(cluster.name() + " is locked: " + state.get().describe());
                    if (state.get().stale()) {
                        ctx().out().println("if nobody is working on " + cluster.name() + ": orrery lock clear " + clusterFile);
                    }
                }
                return 0;
            });
        }

        private static String json(String cluster, Optional<LockState> state) throws Exception {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("cluster", cluster);
            m.put("locked", state.isPresent());
            state.ifPresent(s -> {
                m.put("holder", s.holder() == null ? null : s.holder().who());
                m.put("dataFolder", s.holder() == null ? null : s.holder().dataFolder());
                m.put("operation", s.holder() == null ? null : s.holder().operation());
                m.put("since", s.holder() == null ? null : s.holder().since().toString());
                m.put("heartbeatAgeSeconds", s.heartbeatAgeSeconds());
                m.put("stale", s.stale());
                m.put("where", s.where());
            });
            return dev.orrery.store.Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Remove the cluster's lock whoever holds it: only when its holder crashed or gave up (see `lock show`).")
    static final class Clear extends OnCluster {
        @Override
        protected int execute() throws Exception {
            return withLock((cluster, lock) -> {
                Optional<LockState> was = lock.clear(cluster);
                ctx().out().println(was.map(s -> "cleared the lock of " + cluster.name() + ": it was " + s.describe())
                        .orElse(cluster.name() + " was not locked"));
                return 0;
            });
        }
    }

}
