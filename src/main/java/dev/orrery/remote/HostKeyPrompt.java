package dev.orrery.remote;

/**
 * Asks the user whether to trust a server's key that no known_hosts file lists. Changed keys
 * never reach a prompt: they are refused before. The UI answers with a dialog, the command line
 * on the terminal; scripts use {@link #ACCEPT_NEW}.
 */
@FunctionalInterface
public interface HostKeyPrompt {

    /**
     * @param host        the name and address being connected to, e.g. {@code app-1 (203.0.113.7:22)}
     * @param keyType     e.g. {@code ssh-ed25519}
     * @param fingerprint OpenSSH form, {@code SHA256:…}
     * @return true to trust the key (it is then recorded in Orrery's known_hosts file)
     */
    boolean acceptUnknown(String host, String keyType, String fingerprint);

    /** Like OpenSSH's {@code StrictHostKeyChecking=accept-new}: unknown keys are recorded, changed ones still refused. */
    HostKeyPrompt ACCEPT_NEW = (host, type, fingerprint) -> true;

    /** Trusts only keys already listed. */
    HostKeyPrompt REFUSE = (host, type, fingerprint) -> false;
}
