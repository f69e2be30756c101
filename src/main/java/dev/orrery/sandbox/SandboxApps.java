package dev.orrery.sandbox;

import dev.orrery.deploy.AppLayout;
import dev.orrery.deploy.SupervisorService;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.LocalHost;
import dev.orrery.task.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's app processes on this machine, one server at a time: where each lives, and
 * starting, stopping, killing and asking its supervisor. {@link Sandbox} decides when.
 */
final class SandboxApps {

    private final SandboxPaths paths;
    private final int stopTimeoutSeconds;

    SandboxApps(SandboxPaths paths, int stopTimeoutSeconds) {
        this.paths = paths;
        this.stopTimeoutSeconds = stopTimeoutSeconds;
    }

    AppLayout layout(Server s) {
        return new AppLayout(paths.serverBase(s.name()).toString(), SandboxCluster.APP, true);
    }

    private SupervisorService service(Server s) {
        return new SupervisorService(layout(s), stopTimeoutSeconds);
    }

    /** Starts the server's app on the release it had. */
    void start(Server s, Progress progress) throws Exception {
        new LocalHost(s.name()).run(service(s).start(), line -> progress.log(s.name() + ": " + line));
    }

    /** Stops the server's app through its supervisor, gracefully. */
    void stop(Server s, Progress progress) throws Exception {
        new LocalHost(s.name()).exec(service(s).stop(), line -> progress.log(s.name() + ": " + line));
    }

    /** Kills the server's supervisor and app outright (SIGKILL); returns the pids killed. */
    List<Long> kill(Server s) throws Exception {
        AppLayout layout = layout(s);
        return new SandboxReaper(paths.root()).kill(Path.of(layout.runDir(), "supervisor.pid"), Path.of(layout.runDir(), "app.pid"));
    }

    /** "running (…)" or "stopped", from the server's supervisor. */
    String state(Server s) throws Exception {
        ExecResult r = new LocalHost(s.name()).exec(service(s).status(), LineListener.IGNORE);
        return r.output().trim();
    }

    /**
     * Stops every app server of {@code running} at once on {@code io} (each app takes a moment to
     * finish its requests after SIGTERM) and waits for all; a server that fails says so in the log.
     */
    void stopAll(Cluster running, Progress progress, ExecutorService io) throws Exception {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Server s : running.appServers()) {
            progress.serverStep(s.name(), "graceful stop", true);
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    stop(s, progress);
                } catch (Exception e) {
                    progress.log(s.name() + ": " + e.getMessage());
                }
            }, io));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(stopTimeoutSeconds + 30L, TimeUnit.SECONDS);
    }
}
