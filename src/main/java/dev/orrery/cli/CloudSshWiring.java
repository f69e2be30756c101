package dev.orrery.cli;

import dev.orrery.engine.CloudWiring;
import dev.orrery.remote.SshHosts;

import java.nio.file.Path;

/**
 * The SSH side of the cloud commands on a terminal: the engine's wiring with the terminal's
 * prompts, one pooled connection per server for the length of the command.
 */
final class CloudSshWiring implements AutoCloseable {
    final SshHosts hosts;
    final CloudWiring.Wiring wiring;

    CloudSshWiring(CliContext ctx, Path clusterFile) {
        hosts = ctx.sshHosts(false);
        wiring = ctx.orrery().provisionWiring(clusterFile, hosts);
    }

    @Override
    public void close() {
        hosts.close();
    }
}
