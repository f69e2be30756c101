package dev.orrery.cli;

import java.util.List;

/** Every {@code orrery} sub-command, in the order {@code --help} lists them. Add new ones here. */
final class Commands {
    private Commands() {
    }

    /** The picocli sub-commands (each a {@link CliBase}), in the order {@code --help} lists them. */
    static List<Object> picocli() {
        return List.of(
                new ValidateCommand(),
                new ShowCommand(),
                new StatusCommand(),
                new HealthCommand(),
                new LogsCommand(),
                new MetricsCommand(),
                new AlertsCommand(),
                new SshCheckCommand(),
                new RenderProxyCommand(),
                new PushProxyCommand(),
                new DiffProxyCommand(),
                new DeployCommand.Deploy(),
                new DeployCommand.Rollback(),
                new ProvisionCommand(),
                new DecommissionCommand(),
                new SnapshotCommand(),
                new DigitalOceanCommand(),
                new ImportCommand(),
                new DriftCommand(),
                new TokenCommand(),
                new LockCommand(),
                new BalancerCommand(),
                new FirewallCommand(),
                new TlsCommand(),
                new SandboxCommand(),
                new CompletionCommand());
    }
}
