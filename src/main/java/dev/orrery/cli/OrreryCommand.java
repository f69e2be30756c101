package dev.orrery.cli;

import dev.orrery.model.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code orrery} root command (picocli). Its sub-commands extend {@link CliBase}, which hands
 * them the {@link CliContext} and the version; they are listed in {@link Commands#picocli()}.
 */
@Command(name = "orrery", mixinStandardHelpOptions = true, versionProvider = OrreryCommand.VersionProvider.class,
        description = "A cluster manager for self-hosted Meteor and Node apps. With no command it opens the window.",
        footer = {"", "Exit codes: 0 success, 1 the work failed or the input is invalid, 2 the command line was wrong, 130 interrupted.",
                "Data folder: ORRERY_HOME, or the system's default (see the README). `orrery help COMMAND` shows a command's options."},
        subcommands = HelpCommand.class)
public final class OrreryCommand implements Runnable {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    OrreryCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    CliContext ctx() {
        return ctx;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    /** {@code orrery --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"orrery " + Version.current()};
        }
    }
}
