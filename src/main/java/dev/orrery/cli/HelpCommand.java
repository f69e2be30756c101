package dev.orrery.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code orrery help [COMMAND...]}: the usage of any command, nested ones included
 * ({@code orrery help digitalocean sizes}); picocli's own help command goes one level only.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true, versionProvider = OrreryCommand.VersionProvider.class,
        description = "Show a command's usage: orrery help COMMAND [SUBCOMMAND].")
final class HelpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command, e.g. deploy or digitalocean sizes")
    List<String> path = new ArrayList<>();

    @Override
    public void run() {
        CommandLine at = spec.root().commandLine();
        for (String name : path) {
            CommandLine next = at.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown command '" + String.join(" ", path) + "'");
            }
            at = next;
        }
        at.usage(spec.commandLine().getOut(), CommandLine.Help.Ansi.OFF);
    }
}
