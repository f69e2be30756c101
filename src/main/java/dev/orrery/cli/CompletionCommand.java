package dev.orrery.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code orrery completion bash|zsh}: the shell completion script picocli generates from the
 * command tree, so it never lags behind the commands. The Linux package installs it; by hand:
 * {@code source <(orrery completion bash)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh.", "Generated from the commands themselves.",
                "bash: source <(orrery completion bash)    zsh: source <(orrery completion zsh)",
                "The Linux package installs both."})
final class CompletionCommand extends CliBase {
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    protected int execute() {
        ctx().out().print(script(spec.root().commandLine()));
        return 0;
    }

    /**
     * picocli's script works in both shells: in zsh it loads bashcompinit itself. The same text
     * serves both; the Linux package installs it for bash and, through the small
     * {@code installer/linux/completion/_orrery} function, for zsh.
     */
    static String script(CommandLine root) {
        return AutoComplete.bash("orrery", root);
    }
}
