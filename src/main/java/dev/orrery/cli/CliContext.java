package dev.orrery.cli;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.remote.SshHosts;
import dev.orrery.store.OrreryHome;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command gets: its streams, the data folder, the environment, and the engine's wiring
 * (started on first use). The streams escape control characters (see {@link TerminalSafeStream});
 * {@link #terminal()} is the raw one, for the few deliberate terminal codes (clearing the screen).
 */
public final class CliContext implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private final PrintStream terminal;
    private final BufferedReader in;
    private final OrreryHome home;
    private final Map<String, String> env;
    private final CliSeams seams;
    private Orrery orrery;

    public CliContext(PrintStream out, PrintStream err, BufferedReader in, OrreryHome home) {
        this(out, err, in, home, System.getenv(), CliSeams.REAL);
    }

    public CliContext(PrintStream out, PrintStream err, BufferedReader in, OrreryHome home, Map<String, String> env, CliSeams seams) {
        this.terminal = out;
        this.out = TerminalSafeStream.wrap(out);
        this.err = TerminalSafeStream.wrap(err);
        this.in = in;
        this.home = home;
        this.env = Map.copyOf(env);
        this.seams = seams;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** The standard output without escaping: only for terminal codes Orrery writes on purpose. */
    PrintStream terminal() {
        return terminal;
    }

    /** The terminal's input, for questions such as "accept this host key?". */
    public BufferedReader in() {
        return in;
    }

    public OrreryHome home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    CliSeams seams() {
        return seams;
    }

    public Engine engine() {
        return orrery().engine();
    }

    /** The engine's wiring with the terminal's prompts (started on first use). */
    public synchronized Orrery orrery() {
        if (orrery == null) {
            orrery = new Orrery(home, new Orrery.Prompts(new TerminalHostKeyPrompt(this, false), new TerminalPassphrasePrompt(this)), env);
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
        out.flush();
        err.flush();
    }
}
