package dev.orrery.remote;

import java.nio.file.Path;

/** Asks for the passphrase of an encrypted private key file. The UI answers with a dialog, the command line on the terminal. */
@FunctionalInterface
public interface PassphrasePrompt {

    /**
     * @param attempt 1 for the first ask, then 2, 3 after a wrong passphrase
     * @return the passphrase, or null to give up on this key
     */
    char[] passphrase(Path keyFile, int attempt);

    /** For unattended runs: encrypted keys are skipped (use the ssh-agent). */
    PassphrasePrompt NONE = (keyFile, attempt) -> null;
}
