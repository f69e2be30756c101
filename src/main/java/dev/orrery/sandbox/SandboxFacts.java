package dev.orrery.sandbox;

import dev.orrery.deploy.AppLayout;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerLayout;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What this machine says about each sandbox server right now, read from pid files and the
 * process table (no command is run). See {@link Sandbox#facts}.
 */
final class SandboxFacts {

    private final Function<Server, AppLayout> apps;
    private final BalancerLayout balancer;

    SandboxFacts(Function<Server, AppLayout> apps, BalancerLayout balancer) {
        this.apps = apps;
        this.balancer = balancer;
    }

    Map<String, Map<String, String>> of(Cluster cluster) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Server s : cluster.servers()) {
            Map<String, String> f = new LinkedHashMap<>();
            if (s.role() == Role.APP) {
                AppLayout layout = apps.apply(s);
                process(Path.of(layout.runDir(), "app.pid"), f);
                f.put("listen", s.internalAddress() + ":" + cluster.app().port());
                f.put("log", layout.logFile());
            } else if (s.role() == Role.BALANCER) {
                process(Path.of(balancer.pidFile()), f);
                f.put("listen", "127.0.0.1:" + cluster.balancer().httpPort());
                f.put("log", balancer.errorLog());
                f.put("config", balancer.configPath());
            }
            out.put(s.name(), f);
        }
        return out;
    }

    private static void process(Path pidFile, Map<String, String> facts) {
        // No pid file (never started, or stopped) is not running.
        long pid = SandboxReaper.readPid(pidFile).orElse(-1L);
        boolean alive = pid > 0 && SandboxReaper.running(pid);
        facts.put(Sandbox.PROCESS_FACT, alive ? "running" : "exited");
        if (alive) {
            facts.put("pid", Long.toString(pid));
        }
    }
}
