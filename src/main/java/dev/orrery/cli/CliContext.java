package dev.orrery.cli;

import dev.orrery.engine.Engine;
import dev.orrery.store.OrreryHome;

import java.io.BufferedReader;
import java.io.PrintStream;

/** What a command gets: its streams, the data folder, and the engine (started on first use). */
public final class CliContext implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private final OrreryHome home;
    private Engine engine;

    public CliContext(PrintStream out, PrintStream err, BufferedReader in, OrreryHome home) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.home = home;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** The terminal's input, for questions such as "accept this host key?". */
    public BufferedReader in() {
        return in;
    }

    public OrreryHome home() {
        return home;
    }

    public synchronized Engine engine() {
        if (engine == null) {
            engine = new Engine();
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
