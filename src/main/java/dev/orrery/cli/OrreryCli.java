package dev.orrery.cli;

import dev.orrery.store.ClusterFileException;
import dev.orrery.store.OrreryHome;
import dev.orrery.task.CancelledException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code orrery} command line: the same engine as the window, for scripts.
 * Exit codes: 0 success, 1 the work failed or the input is invalid, 2 the command line was wrong,
 * 130 interrupted.
 */
public final class OrreryCli {
    public static final int USAGE = 2;
    public static final int INTERRUPTED = 130;

    private OrreryCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), OrreryHome.fromEnvironment()));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, BufferedReader in, OrreryHome home) {
        try (CliContext ctx = new CliContext(out, err, in, home)) {
            return run(args, ctx);
        }
    }

    /** Runs one command line in {@code ctx} (tests pass their own environment and seams); the caller closes it. */
    public static int run(String[] args, CliContext ctx) {
        CommandLine cli = commandLine(ctx);
        if (args.length == 0) {
            cli.usage(ctx.out());
            return USAGE;
        }
        return cli.execute(args);
    }

    /** The usage of the whole command line, as {@code orrery --help} prints it. */
    public static String usage() {
        try (CliContext ctx = new CliContext(new PrintStream(java.io.OutputStream.nullOutputStream()),
                new PrintStream(java.io.OutputStream.nullOutputStream()), null, OrreryHome.fromEnvironment())) {
            return commandLine(ctx).getUsageMessage(CommandLine.Help.Ansi.OFF);
        }
    }

    /** The whole command tree, with its output on the context's streams. */
    static CommandLine commandLine(CliContext ctx) {
        CommandLine cli = new CommandLine(new OrreryCommand(ctx));
        for (Object sub : Commands.picocli()) {
            cli.addSubcommand(sub);
        }
        // Plain text: colours would be escape codes, and every message is printed escaped.
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(new PrintWriter(ctx.out(), true));
        cli.setErr(new PrintWriter(ctx.err(), true));
        cli.setParameterExceptionHandler((e, params) -> {
            CommandLine line = e.getCommandLine();
            boolean unknownCommand = line.getCommandSpec().subcommands().size() > 0
                    && e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-");
            String message = unknownCommand ? "unknown command '" + ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0) + "'"
                    : e.getMessage();
            ctx.err().println(qualifiedName(line) + ": " + message);
            line.usage(ctx.err(), CommandLine.Help.Ansi.OFF);
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable t = Failures.unwrap(e);
            if (t instanceof CancelledException || t instanceof InterruptedException) {
                ctx.err().println(qualifiedName(line) + ": interrupted");
                return INTERRUPTED;
            }
            // Looked up here, not held in a static field: --help and usage errors never start logging.
            LoggerFactory.getLogger(OrreryCli.class).debug("{} failed", qualifiedName(line), t);
            if (t instanceof ClusterFileException) {
                ctx.err().println(t.getMessage());
            } else {
                ctx.err().println(qualifiedName(line) + ": " + Failures.describe(t));
            }
            return 1;
        });
        return cli;
    }

    /** "orrery", "orrery deploy", "orrery digitalocean sizes". */
    private static String qualifiedName(CommandLine line) {
        return line.getCommandSpec().qualifiedName();
    }
}
