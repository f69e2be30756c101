package dev.orrery.cli;

import dev.orrery.store.ClusterFileException;
import dev.orrery.store.OrreryHome;
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

    private OrreryCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), OrreryHome.fromEnvironment()));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, BufferedReader in, OrreryHome home) {
        try (CliContext ctx = new CliContext(out, err, in, home)) {
            CommandLine cli = commandLine(ctx);
            if (args.length == 0) {
                cli.usage(out);
                return 2;
            }
            return cli.execute(args);
        }
    }

    /** The whole command tree, with its output on the context's streams. */
    static CommandLine commandLine(CliContext ctx) {
        CommandLine cli = new CommandLine(new OrreryCommand(ctx));
        for (Object sub : Commands.picocli()) {
            cli.addSubcommand(sub);
        }
        for (CliCommand legacy : Commands.all().values()) {
            cli.addSubcommand(legacy.name(), new CommandLine(LegacyCommand.spec(legacy, ctx)));
        }
        cli.setOut(new PrintWriter(ctx.out(), true));
        cli.setErr(new PrintWriter(ctx.err(), true));
        cli.setParameterExceptionHandler((e, params) -> {
            CommandLine line = e.getCommandLine();
            boolean unknownCommand = line.getCommandSpec().userObject() instanceof OrreryCommand
                    && e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-");
            String message = unknownCommand ? "unknown command '" + ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0) + "'"
                    : e.getMessage();
            ctx.err().println("orrery" + (line.getParent() == null ? "" : " " + line.getCommandName()) + ": " + message);
            line.usage(ctx.err());
            return 2;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            String name = line.getCommandName();
            if (e instanceof ClusterFileException) {
                ctx.err().println(e.getMessage());
            } else {
                ctx.err().println("orrery " + name + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            }
            return 1;
        });
        return cli;
    }
}
