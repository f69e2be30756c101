package dev.orrery.sandbox;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.remote.Command;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The sandbox's balancer: the real nginx binary run as an ordinary process from its own prefix
 * ({@code sandbox/balancer}), listening on 127.0.0.1 only, its configuration rendered and pushed
 * by {@link ProxyPush} through {@link LocalHost} exactly as onto a droplet (validate with
 * {@code nginx -t}, swap, reload). Where nginx is not installed there is no balancer, and
 * {@link #MISSING} says how to add one.
 */
public final class SandboxBalancer {
    public static final String MISSING = "nginx is not installed, so the sandbox runs without a balancer (each app server "
            + "answers on its own address). To add one: `sudo apt-get install nginx-light` (Debian/Ubuntu), "
            + "`sudo dnf install nginx` (Fedora) or `brew install nginx` (macOS), then `orrery sandbox stop` and `orrery sandbox start`.";

    private final LocalHost host = new LocalHost("sandbox balancer");
    private final SandboxPaths paths;

    public SandboxBalancer(SandboxPaths paths) {
        this.paths = paths;
    }

    /** True when an nginx binary is on the PATH. */
    public boolean installed() {
        try {
            return host.exec(Command.of("sh", "-c", "command -v nginx >/dev/null 2>&1"), LineListener.IGNORE).ok();
        } catch (RemoteException e) {
            return false;
        }
    }

    public BalancerLayout layout() {
        return BalancerLayout.under(paths.balancerDir().toString(), BalancerKind.NGINX).listeningOn("127.0.0.1");
    }

    /** Renders the cluster, validates it with nginx -t, puts it live and starts or reloads nginx. */
    public void push(Cluster cluster, Progress progress) throws Exception {
        if (cluster.balancerServer().isEmpty()) {
            progress.log(MISSING);
            return;
        }
        try {
            Files.createDirectories(paths.balancerDir().resolve("logs"));
        } catch (IOException e) {
            throw new IOException("cannot make the balancer's directory " + paths.balancerDir() + ": " + e.getMessage(), e);
        }
        new ProxyPush(host, layout()).push(cluster, progress);
    }

    public boolean running() {
        try {
            return host.exec(BalancerCommands.isRunning(layout()), LineListener.IGNORE).ok();
        } catch (RemoteException e) {
            return false;
        }
    }

    /** Stops nginx (graceful quit) when it runs; the reaper catches it if it does not go. */
    public void stop(Progress progress) {
        if (!running()) {
            return;
        }
        try {
            host.exec(BalancerCommands.stop(BalancerKind.NGINX, layout()), progress::log);
        } catch (RemoteException e) {
            progress.log("stopping nginx failed: " + e.getMessage());
        }
    }
}
