package dev.orrery.cli;

import picocli.CommandLine.Option;

/** {@code --accept-new-host-keys}, for the commands that log in over SSH. */
final class HostKeyOption {
    @Option(names = TerminalHostKeyPrompt.ACCEPT_NEW_FLAG,
            description = "Trust and record the host keys of servers seen for the first time, without asking (for scripts). Changed keys are still refused.")
    boolean acceptNew;
}
