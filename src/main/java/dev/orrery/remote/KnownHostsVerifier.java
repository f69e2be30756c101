package dev.orrery.remote;

import net.schmizz.sshj.transport.verification.HostKeyVerifier;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;

/**
 * sshj's host-key check for one connection attempt: known keys pass, unknown keys go to the
 * {@link HostKeyPrompt} and are recorded when accepted, changed or revoked keys are refused
 * whatever the prompt would say. Keeps the reason of a refusal for the error the user sees
 * (sshj itself only says "could not verify").
 */
final class KnownHostsVerifier implements HostKeyVerifier {
    private final OrreryKnownHosts knownHosts;
    private final HostKeyPrompt prompt;
    private final String hostName;
    private volatile String refusal;

    KnownHostsVerifier(OrreryKnownHosts knownHosts, HostKeyPrompt prompt, String hostName) {
        this.knownHosts = knownHosts;
        this.prompt = prompt;
        this.hostName = hostName;
    }

    @Override
    public boolean verify(String host, int port, PublicKey publicKey) {
        HostKey key = HostKey.of(publicKey);
        HostKeyCheck check = knownHosts.check(host, port, key);
        if (check instanceof HostKeyCheck.Known) {
            return true;
        }
        if (check instanceof HostKeyCheck.Changed c) {
            refusal = changedWarning(host, port, key, c);
            return false;
        }
        if (check instanceof HostKeyCheck.Revoked r) {
            refusal = "the " + key.type() + " host key " + key.fingerprint() + " of " + KnownHostsFile.hostForm(host, port)
                    + " is marked @revoked in " + r.file() + " line " + r.line() + "; refusing to connect";
            return false;
        }
        // unknown: only now may anyone be asked
        if (!prompt.acceptUnknown(hostName + " (" + KnownHostsFile.hostForm(host, port) + ")", key.type(), key.fingerprint())) {
            refusal = "the host key of " + KnownHostsFile.hostForm(host, port) + " (" + key.type() + " " + key.fingerprint()
                    + ") is not known and was not accepted";
            return false;
        }
        try {
            knownHosts.record(host, port, key);
        } catch (IOException | RuntimeException e) {
            refusal = "cannot record the accepted host key in " + knownHosts.orreryFile() + ": " + e.getMessage();
            return false;
        }
        return true;
    }

    static String changedWarning(String host, int port, HostKey presented, HostKeyCheck.Changed c) {
        return "WARNING: THE HOST KEY OF " + KnownHostsFile.hostForm(host, port) + " HAS CHANGED. Someone could be intercepting"
                + " the connection (man-in-the-middle), or the server was reinstalled. It now presents " + presented.type() + " "
                + presented.fingerprint() + " but " + c.file() + " line " + c.line() + " lists " + c.expected().type() + " "
                + c.expected().fingerprint() + ". Orrery refuses to connect. If the change is expected, remove line " + c.line()
                + " from " + c.file() + " (ssh-keygen -R " + KnownHostsFile.hostForm(host, port) + " -f " + c.file() + ") and connect again.";
    }

    @Override
    public List<String> findExistingAlgorithms(String host, int port) {
        return knownHosts.knownTypes(host, port);
    }

    /** Why the last key was refused, or null. */
    String refusal() {
        return refusal;
    }
}
