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
