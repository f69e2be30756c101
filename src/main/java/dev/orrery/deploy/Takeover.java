package dev.orrery.deploy;

import dev.orrery.model.Rules;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

/**
 * The first deploy onto a server whose app Orrery did not start (an adopted cluster): the app
 * Meteor Up ran — an upstart job, a Docker container, a systemd unit or a plain process — holds
 * the port. It is stopped only at the rollout's stop step (the new release already passed its
 * preflight and the server is out of rotation), started again if the new one fails its gate, and
 * kept from coming back at boot once the new one passed.
 */
final class Takeover {
    /** What listened on the app's port. {@code name} is "-" for a plain process. */
    record Found(String kind, String name, String pid, int port) {
        @Override
        public String toString() {
            return kind.equals("process") ? "process " + pid : kind + " " + name;
        }
    }

    private final ServerTarget t;
    private final TakeoverCommands commands;
    private final int port;
    private final int stopTimeoutSeconds;
    private Found stopped;

    Takeover(ServerTarget t, int port, int stopTimeoutSeconds) {
        this.t = t;
        this.commands = new TakeoverCommands(t.commands.layout());
        this.port = port;
        this.stopTimeoutSeconds = stopTimeoutSeconds;
    }

    /** Stops whatever foreign app holds the port; a no-op when nothing does or Orrery's own app does. */
    void stop(Progress progress) throws RemoteException {
        LineListener log = line -> progress.log(t.name() + ": " + line);
        String address = t.server.internalAddress();
        String[] what = t.host.run(commands.inspect(port, Rules.isLoopback(address) ? address : ""), log).output().strip().split("\\s+");
        switch (what[0]) {
            case "none", "orrery", "" -> {
                return;
            }
            case "unknown" -> throw new IllegalStateException("port " + port + " on " + t.name()
                    + " is held by a process Orrery cannot see (another user's, or a container's); stop it first");
            default -> {
            }
        }
        Found f = what[0].equals("process") ? new Found("process", "-", what[1], port) : new Found(what[0], what[1], what[2], port);
        progress.log(t.name() + ": port " + port + " is held by the app as it ran before Orrery (" + f + "); stopping it");
        stopped = f; // before the stop: if it fails halfway, a failed deploy still brings the old app back
        t.host.run(commands.stop(f, stopTimeoutSeconds), log);
    }

    /** After a failed first deploy: the old app runs again. Returns what to say about it. */
    String restore(Progress progress) {
        if (stopped == null) {
            return "";
        }
        try {
            t.host.run(commands.restore(stopped), line -> progress.log(t.name() + ": " + line));
            return t.name() + " runs its app as before Orrery again (" + stopped + ")";
        } catch (RemoteException e) {
            return "starting the app that ran before Orrery (" + stopped + ") on " + t.name() + " ALSO failed: " + e.getMessage();
        }
    }

    /** The new app passed its gate: the old one is kept from starting at boot. */
    void settle(Progress progress) {
        if (stopped == null) {
            return;
        }
        try {
            t.host.run(commands.settle(stopped), line -> progress.log(t.name() + ": " + line));
        } catch (RemoteException e) {
            progress.log(t.name() + ": could not keep the old app (" + stopped + ") from starting at boot: " + e.getMessage());
        }
    }

    boolean tookOver() {
        return stopped != null;
    }
}
