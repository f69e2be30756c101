package dev.orrery.cli;

import dev.orrery.remote.PassphrasePrompt;

import java.io.Console;
import java.nio.file.Path;

/** Asks for a key's passphrase on the console without echo; without a console it gives up and suggests the ssh-agent. */
final class TerminalPassphrasePrompt implements PassphrasePrompt {
    private final CliContext ctx;

    TerminalPassphrasePrompt(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public synchronized char[] passphrase(Path keyFile, int attempt) {
        Console console = System.console();
        if (console == null) {
            ctx.err().println("The key " + keyFile + " is protected by a passphrase and there is no terminal to ask it on;"
                    + " add the key to the ssh-agent (ssh-add " + keyFile + ") and run again.");
            return null;
        }
        return console.readPassword("%sEnter passphrase for key '%s': ", attempt > 1 ? "Wrong passphrase. " : "", keyFile);
    }
}
