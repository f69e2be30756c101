package dev.orrery.cli;

import java.util.List;

/** One {@code orrery} sub-command. Returns the process exit code. */
public interface CliCommand {
    String name();

    /** One line: the arguments and what it does. */
    String usage();

    int run(List<String> args, CliContext ctx) throws Exception;
}
