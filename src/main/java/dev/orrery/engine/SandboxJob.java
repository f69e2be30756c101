package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;

import dev.orrery.sandbox.Sandbox;
import dev.orrery.task.Progress;

/**
 * One sandbox action as an engine job, so the window and the command line see its steps and
 * log like any deploy or push: start, add a server, deploy the next version, fail, restart, stop.
 */
public final class SandboxJob<T> implements Job<T> {
    /** What the job does with the sandbox. */
    @FunctionalInterface
    public interface Action<T> {
        T run(Sandbox sandbox, Progress progress) throws Exception;
    }

    private final String title;
    private final Sandbox sandbox;
    private final Action<T> action;

    public SandboxJob(String title, Sandbox sandbox, Action<T> action) {
        this.title = title;
        this.sandbox = sandbox;
        this.action = action;
    }

    public static SandboxJob<?> start(Sandbox s) {
        return new SandboxJob<>("Start the sandbox", s, Sandbox::start);
    }

    public static SandboxJob<?> addServer(Sandbox s) {
        return new SandboxJob<>("Add an app server to the sandbox", s, Sandbox::addServer);
    }

    public static SandboxJob<?> deployNext(Sandbox s) {
        return new SandboxJob<>("Deploy the next version to the sandbox", s, Sandbox::deployNext);
    }

    public static SandboxJob<?> fail(Sandbox s, String server) {
        return new SandboxJob<>("Simulate a failure of " + server, s, (sb, p) -> {
            sb.fail(server, p);
            return server;
        });
    }

    public static SandboxJob<?> restart(Sandbox s, String server) {
        return new SandboxJob<>("Restart " + server, s, (sb, p) -> {
            sb.restart(server, p);
            return server;
        });
    }

    public static SandboxJob<?> stop(Sandbox s) {
        return new SandboxJob<>("Stop the sandbox", s, Sandbox::stop);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String cluster() {
        return dev.orrery.sandbox.SandboxCluster.NAME;
    }

    @Override
    public JobKind kind() {
        return title.startsWith("Deploy") ? JobKind.DEPLOY : JobKind.SANDBOX;
    }

    @Override
    public T run(Progress progress) throws Exception {
        return action.run(sandbox, progress);
    }
}
