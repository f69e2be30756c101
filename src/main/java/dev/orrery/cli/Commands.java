package dev.orrery.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every {@code orrery} sub-command, in the order {@code --help} lists them. Add new ones here. */
final class Commands {
    private Commands() {
    }

    /**
     * The picocli sub-commands (each a {@link CliBase}), in the order {@code --help} lists them.
     * A command that moves to picocli leaves {@link #all()} and comes here.
     */
    static List<Object> picocli() {
        return List.of(new ImportCommand(), new DiffProxyCommand(), new DriftCommand());
    }

    /** The commands that still parse their own arguments (run through {@link LegacyCommand}). */
    static Map<String, CliCommand> all() {
        Map<String, CliCommand> m = new LinkedHashMap<>();
        for (CliCommand c : List.<CliCommand>of(
                new ValidateCommand(),
                new ShowCommand(),
                new HealthCommand(),
                new SshCheckCommand(),
                new ProvisionCommand(),
                new DecommissionCommand(),
                new SnapshotCommand(),
                new CloudListCommand(),
                new TokenCommand(),
                new RenderProxyCommand(),
                new PushProxyCommand(),
                new DeployCommand(false),
                new DeployCommand(true),
                new SandboxCommand())) {
            m.put(c.name(), c);
        }
        return m;
    }
}
