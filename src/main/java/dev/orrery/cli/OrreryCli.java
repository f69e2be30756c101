package dev.orrery.cli;

import dev.orrery.model.Version;
import dev.orrery.store.ClusterFileException;
import dev.orrery.store.OrreryHome;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code orrery} command line: the same engine as the window, for scripts.
 * Exit codes: 0 success, 1 the work failed or the input is invalid, 2 the command line was wrong.
 */
public final class OrreryCli {

    private OrreryCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), OrreryHome.fromEnvironment()));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, BufferedReader in, OrreryHome home) {
        Map<String, CliCommand> commands = Commands.all();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printHelp(out, commands);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            out.println("orrery " + Version.current());
            return 0;
        }
        CliCommand command = commands.get(args[0]);
        if (command == null) {
            err.println("orrery: unknown command '" + args[0] + "'");
            printHelp(err, commands);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try (CliContext ctx = new CliContext(out, err, in, home)) {
            return command.run(rest, ctx);
        } catch (UsageException e) {
            err.println("orrery " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (ClusterFileException e) {
            err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("orrery " + command.name() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
    }

    private static void printHelp(PrintStream out, Map<String, CliCommand> commands) {
        out.println("orrery " + Version.current() + " — a cluster manager for self-hosted Meteor and Node apps");
        out.println();
        out.println("usage: orrery COMMAND [ARGS]   (no arguments opens the window)");
        out.println();
        for (CliCommand c : commands.values()) {
            out.println("  " + c.usage());
        }
        out.println("  --version                      print the version");
        out.println();
        out.println("Data folder: " + OrreryHome.fromEnvironment().root() + " (set ORRERY_HOME to use another)");
    }
}
