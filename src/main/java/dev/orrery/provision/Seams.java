package dev.orrery.provision;

import dev.orrery.model.Cluster;
import dev.orrery.model.Release;
import dev.orrery.model.Server;
import dev.orrery.task.Progress;

import java.time.Duration;

/**
 * What the provision, snapshot and decommission workflows need from the other workflows and
 * the remote layer, as small interfaces: SSH (remote), the app check and deploy (deploy), the
 * balancer push (proxy). The engine wires the real ones; tests pass fakes.
 */
public final class Seams {
    private Seams() {
    }

    /** Waits until sshd answers on the new server and records its host key (known_hosts). */
    @FunctionalInterface
    public interface SshReadiness {
        /** Returns the recorded host key's fingerprint, e.g. {@code SHA256:…}. */
        String awaitAndRecordHostKey(Server server, Duration timeout, Progress progress) throws Exception;
    }

    /** Checks the server can run the app (runtime present, app user, free port …); throws when not. */
    @FunctionalInterface
    public interface ServerCheck {
        void check(Cluster cluster, Server server, Progress progress) throws Exception;
    }

    /** Puts {@code release} on {@code server} and starts it there. */
    @FunctionalInterface
    public interface ReleaseDeployer {
        void deploy(Cluster cluster, Server server, Release release, Progress progress) throws Exception;
    }

    /** Renders the balancer's configuration for {@code cluster}, validates and reloads it. */
    @FunctionalInterface
    public interface BalancerPusher {
        void push(Cluster cluster, Progress progress) throws Exception;
    }

    /** All four, as the provision workflow takes them. */
    public record ProvisionSeams(SshReadiness ssh, ServerCheck check, ReleaseDeployer deployer, BalancerPusher balancer) {
    }
}
