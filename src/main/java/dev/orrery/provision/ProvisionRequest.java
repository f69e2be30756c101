package dev.orrery.provision;

import dev.orrery.cloud.DropletTemplate;
import dev.orrery.model.Rules;

/**
 * One app server to make: its name (a droplet and server name), how ({@link DropletTemplate})
 * and how Orrery logs in to it afterwards.
 *
 * @param sshPort where the snapshot's sshd listens (22 unless the image was changed)
 * @param sshKey  a key file path or {@code agent}, as {@code Server.sshKey}; null for the defaults
 */
public record ProvisionRequest(String name, DropletTemplate template, String sshUser, int sshPort, String sshKey) {

    public ProvisionRequest(String name, DropletTemplate template, String sshUser, String sshKey) {
        this(name, template, sshUser, 22, sshKey);
    }

    /**
     * With no login key given, the key the cluster already logs in with: its app servers' (else any
     * server's) {@code sshKey}. A droplet from the cluster's own snapshot accepts the same key.
     */
    public ProvisionRequest withClusterKey(dev.orrery.model.Cluster cluster) {
        if (sshKey != null) {
            return this;
        }
        String key = clusterKey(cluster);
        return key == null ? this : new ProvisionRequest(name, template, sshUser, sshPort, key);
    }

    /** The key the cluster's servers log in with (app servers first), or null when they use the defaults. */
    public static String clusterKey(dev.orrery.model.Cluster cluster) {
        java.util.List<dev.orrery.model.Server> servers = new java.util.ArrayList<>(cluster.appServers());
        servers.addAll(cluster.servers());
        return servers.stream().filter(s -> s.state() != dev.orrery.model.ServerState.FAILED)
                .map(dev.orrery.model.Server::sshKey).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    public ProvisionRequest {
        Rules.name(name).ifPresent(p -> {
            throw new IllegalArgumentException("server name " + p);
        });
        template.firstProblem().ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        sshUser = sshUser != null ? sshUser : "root";
        Rules.unixUser(sshUser).ifPresent(p -> {
            throw new IllegalArgumentException("ssh user " + p);
        });
        Rules.port(sshPort).ifPresent(p -> {
            throw new IllegalArgumentException("ssh port " + p);
        });
        Rules.keyReference(sshKey).ifPresent(p -> {
            throw new IllegalArgumentException("ssh key " + p);
        });
    }
}
