package dev.orrery.engine;

import dev.orrery.deploy.AppLayout;
import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogTargets;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Host;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.SshHosts;
import dev.orrery.sandbox.SandboxCluster;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.store.OrreryHome;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/** Where a cluster's logs are and how to reach them: the sandbox's on this machine, a droplet's over SSH. */
final class LogWiring {
    private LogWiring() {
    }

    static boolean sandbox(Cluster c) {
        return !c.servers().isEmpty() && c.servers().stream().allMatch(s -> SandboxCluster.PROVIDER.equals(s.provider()));
    }

    static LogTargets.Places places(Cluster c, OrreryHome home) {
        if (sandbox(c)) {
            SandboxPaths paths = SandboxPaths.of(home);
            return new LogTargets.Places(s -> new AppLayout(paths.serverBase(s.name()).toString(), c.app().name(), true),
                    BalancerLayout.under(paths.balancerDir().toString(), BalancerKind.NGINX), false);
        }
        return LogTargets.Places.droplets(c);
    }

    static Function<String, Host> hosts(Cluster c, Supplier<SshHosts> pool) {
        if (sandbox(c)) {
            Map<String, Host> local = new ConcurrentHashMap<>();
            return name -> local.computeIfAbsent(name, LocalHost::new);
        }
        return name -> {
            Server s = c.server(name).orElseThrow(() -> new IllegalArgumentException("no server " + name + " in " + c.name()));
            return pool.get().hostFor(s);
        };
    }

    /** Puts the engine's job markers for the cluster into the collector's stream until it is closed. */
    static LogCollector withMarkers(LogCollector c, Engine engine, String cluster) {
        LogMarkers markers = new LogMarkers(cluster, c::marker, System::currentTimeMillis);
        engine.addListener(markers);
        c.onClose(() -> engine.removeListener(markers));
        return c;
    }
}
