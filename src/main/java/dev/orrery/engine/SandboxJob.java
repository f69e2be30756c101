package dev.orrery.engine;

import dev.orrery.engine.state.JobKind;

import dev.orrery.sandbox.Sandbox;
import dev.orrery.task.Progress;

/**
 * One sandbox action as an engine job, so the window and the command line see its steps and
 * log like any deploy or push: start, add a server, deploy the next version, fail, restart,
 * remove a server, stop. Each says what kind of work it is, so the live state tells a planned
 * stop (stop, remove, deploy) from a crash (fail is a crash on purpose: it is not planned work).
 */
public final class SandboxJob<T> implements Job<T> {
    /** What the job does with the sandbox. */
    @FunctionalInterface
    public interface Action<T> {
        T run(Sandbox sandbox, Progress progress) throws Exception;
    }

    private final String title;
    private final JobKind kind;
    private final Sandbox sandbox;
    private final Action<T> action;

    public SandboxJob(String title, JobKind kind, Sandbox sandbox, Action<T> action) {
        this.title = title;
        this.kind = kind;
        this.sandbox = sandbox;
        this.action = action;
    }

    public static SandboxJob<?> start(Sandbox s) {
        return new SandboxJob<>("Start the sandbox", JobKind.START, s, Sandbox::start);
    }

    public static SandboxJob<?> addServer(Sandbox s) {
        return new SandboxJob<>("Add an app server to the sandbox", JobKind.PROVISION, s, Sandbox::addServer);
    }

    public static SandboxJob<?> deployNext(Sandbox s) {
        return new SandboxJob<>("Deploy the next version to the sandbox", JobKind.DEPLOY, s, Sandbox::deployNext);
    }

    public static SandboxJob<?> fail(Sandbox s, String server) {
        return new SandboxJob<>("Simulate a failure of " + server, JobKind.SANDBOX, s, (sb, p) -> {
            sb.fail(server, p);
            return server;
        });
    }

    public static SandboxJob<?> restart(Sandbox s, String server) {
        return new SandboxJob<>("Restart " + server, JobKind.SANDBOX, s, (sb, p) -> {
            sb.restart(server, p);
            return server;
        });
    }

    /** Takes an app server out of the balancer, stops its process and removes it from the sandbox. */
    public static SandboxJob<?> remove(Sandbox s, String server) {
        return new SandboxJob<>("Remove " + server + " from the sandbox", JobKind.DECOMMISSION, s, (sb, p) -> sb.removeServer(server, p));
    }

    public static SandboxJob<?> stop(Sandbox s) {
        return new SandboxJob<>("Stop the sandbox", JobKind.STOP, s, Sandbox::stop);
    }

    /** Stops everything, deletes the sandbox's folder and starts a new sandbox from v1. */
    public static SandboxJob<?> reset(Sandbox s) {
        return new SandboxJob<>("Reset the sandbox", JobKind.START, s, Sandbox::reset);
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
        return kind;
    }

    @Override
    public T run(Progress progress) throws Exception {
        return action.run(sandbox, progress);
    }
}
