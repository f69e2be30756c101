package dev.orrery.provision;

import dev.orrery.model.Server;
import dev.orrery.remote.AuthenticationFailedException;
import dev.orrery.remote.Command;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.HostKeyRejectedException;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshTarget;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Waits for the new droplet's sshd (its banner, while it boots), then logs in with the remote
 * layer and records the host key in Orrery's known_hosts, so every later connection (deploy,
 * health, balancer) checks it strictly.
 * <p>
 * An unknown key is accepted without asking (OpenSSH's {@code accept-new}): Orrery itself made
 * this droplet a minute ago from the user's snapshot and this is the first contact, so there is
 * no earlier key to compare with and nobody could answer a prompt better. A CHANGED key is still
 * refused at once (DigitalOcean reuses addresses: an old line for this address must be removed
 * by hand, as the error says), and so is a revoked one. Connection failures are retried until the
 * deadline (the droplet is booting); a login failure — no key to offer, or the key refused — is
 * not: the droplet comes from the cluster's snapshot, which accepts the cluster's key, so the
 * error names the key tried and {@code --login-key} at once instead of retrying for minutes.
 */
public final class SshHostKeyReadiness implements Seams.SshReadiness {
    private final Function<HostKeyPrompt, SshConnector> connectorWith;
    private final ScheduledExecutorService scheduler;
    private final Duration retryEvery;

    /** @param connectorWith a connector on Orrery's known_hosts using the given prompt for unknown keys */
    public SshHostKeyReadiness(Function<HostKeyPrompt, SshConnector> connectorWith, ScheduledExecutorService scheduler, Duration retryEvery) {
        this.connectorWith = connectorWith;
        this.scheduler = scheduler;
        this.retryEvery = retryEvery;
    }

    @Override
    public String awaitAndRecordHostKey(Server server, Duration timeout, Progress progress) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        new SshBannerReadiness(retryEvery).awaitAndRecordHostKey(server, timeout, progress);
        AtomicReference<String> accepted = new AtomicReference<>();
        HostKeyPrompt acceptNew = (host, type, fingerprint) -> {
            accepted.set(type + " " + fingerprint);
            progress.log("first contact with " + host + ": recording its " + type + " key " + fingerprint);
            return true;
        };
        SshConnector connector = connectorWith.apply(acceptNew);
        while (true) {
            if (progress.cancelled()) {
                throw new CancelledException();
            }
            try (SshHost host = new SshHost(SshTarget.of(server), connector, scheduler)) {
                host.run(Command.of("true"));
                return accepted.get() != null ? accepted.get() : "already known (it matched Orrery's known_hosts)";
            } catch (HostKeyRejectedException e) {
                throw e; // changed or revoked: never retried, never overwritten
            } catch (AuthenticationFailedException e) {
                // No key, or the key refused: trying again cannot help (the image accepts the
                // keys it was made with), so say which key and how to name another at once.
                throw new IllegalStateException("cannot log in to " + server.name() + " as " + server.sshUser() + ": " + e.getMessage()
                        + ". Orrery logged in with " + keyDescription(server.sshKey()) + "; pass --login-key PATH (or --login-key agent) "
                        + "with a key the snapshot accepts", e);
            } catch (RemoteException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not log in to " + server.name() + " over SSH within " + timeout.toSeconds()
                            + " s: " + e.getMessage(), e);
                }
                progress.log("SSH not ready yet on " + server.name() + ": " + e.getMessage());
            }
            Thread.sleep(retryEvery.toMillis());
        }
    }

    private static String keyDescription(String sshKey) {
        if (sshKey == null) {
            return "the ssh-agent's keys and ~/.ssh/id_ed25519, id_ecdsa, id_rsa";
        }
        return "agent".equals(sshKey) ? "the ssh-agent's keys only" : "the key file " + sshKey;
    }
}
