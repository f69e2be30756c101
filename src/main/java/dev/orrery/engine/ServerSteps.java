package dev.orrery.engine;

import dev.orrery.task.Progress;

/**
 * A job about one server (provision, decommission): its plain steps become that server's steps,
 * so the live state shows them on the node, and a stop during one is planned when the job says so.
 */
final class ServerSteps implements Progress {
    private final Progress delegate;
    private final String server;
    private final boolean mayBeDown;

    private ServerSteps(Progress delegate, String server, boolean mayBeDown) {
        this.delegate = delegate;
        this.server = server;
        this.mayBeDown = mayBeDown;
    }

    static Progress of(Progress p, String server, boolean mayBeDown) {
        return new ServerSteps(p, server, mayBeDown);
    }

    @Override
    public void step(String name) {
        delegate.serverStep(server, name, mayBeDown);
    }

    @Override
    public void serverStep(String s, String step, boolean down) {
        delegate.serverStep(s, step, down);
    }

    @Override
    public void release(String id, String bundleFile) {
        delegate.release(id, bundleFile);
    }

    @Override
    public void serverDone(String s, String result) {
        delegate.serverDone(s, result);
    }

    @Override
    public void fraction(double done) {
        delegate.fraction(done);
    }

    @Override
    public void log(String line) {
        delegate.log(line);
    }

    @Override
    public boolean cancelled() {
        return delegate.cancelled();
    }
}
