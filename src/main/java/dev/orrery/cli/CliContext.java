package dev.orrery.cli;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.OrreryHome;

import java.io.BufferedReader;
import java.io.PrintStream;

/** What a command gets: its streams, the data folder, and the engine (started on first use). */
public final class CliContext implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private final OrreryHome home;
    private Orrery orrery;

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

    public Engine engine() {
        return orrery().engine();
    }

    /** The engine's wiring with the terminal's prompts (started on first use). */
    public synchronized Orrery orrery() {
        if (orrery == null) {
            orrery = new Orrery(home, new Orrery.Prompts(new TerminalHostKeyPrompt(this, false), new TerminalPassphrasePrompt(this)),
                    System.getenv());
        }
        return orrery;
    }

    /** A pool of SSH connections that asks on the terminal, or with {@code acceptNew} trusts keys seen for the first time. */
    public SshHosts sshHosts(boolean acceptNew) {
        return orrery().sshHosts(new TerminalHostKeyPrompt(this, acceptNew));
    }

    @Override
    public synchronized void close() {
        if (orrery != null) {
            orrery.close();
        }
    }
}
