package dev.orrery.provision;

import dev.orrery.cloud.DropletTemplate;
import dev.orrery.model.Rules;

/**
 * One app server to make: its name (a droplet and server name), how ({@link DropletTemplate})
 * and how Orrery logs in to it afterwards.
 *
 * @param sshKey a key file path or {@code agent}, as {@code Server.sshKey}; null for the defaults
 */
public record ProvisionRequest(String name, DropletTemplate template, String sshUser, String sshKey) {

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
        Rules.keyReference(sshKey).ifPresent(p -> {
            throw new IllegalArgumentException("ssh key " + p);
        });
    }
}
