package dev.orrery.health;

import dev.orrery.model.Server;

import java.util.concurrent.atomic.AtomicBoolean;

/** One server's probing state inside the monitor. Mutable fields are guarded by {@code this}. */
final class ServerProbe {
    final Server server;
    final HealthMachine machine;
    final SampleRing ring;
    final AtomicBoolean inFlight = new AtomicBoolean();
    /** Set once the server left the monitor: late results are dropped. */
    volatile boolean removed;
    /** Bumped on every stop/start, so a tick from an earlier schedule stops itself. */
    int generation;
    long due;
    /** A tick found the previous probe still running: probe again as soon as it ends. */
    boolean missed;
    ProbeClock.Scheduled handle;
    ProbeResult last;
    long lastChangeMs;
    long probes;

    ServerProbe(Server server, HealthMachine machine, SampleRing ring, long createdMs) {
        this.server = server;
        this.machine = machine;
        this.ring = ring;
        this.lastChangeMs = createdMs;
    }

    String name() {
        return server.name();
    }

    synchronized void cancel() {
        generation++;
        missed = false;
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
    }
}
