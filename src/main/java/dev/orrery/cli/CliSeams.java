package dev.orrery.cli;

import dev.orrery.cloud.TokenStore;
import dev.orrery.provision.ProvisionTimeouts;
import dev.orrery.provision.Seams;

/**
 * What the cloud commands reach the world through, replaceable by tests: the provision
 * workflow's seams and the balancer push (null: the real ones over SSH, built by the engine's
 * wiring), the workflows' timeouts and the token store (null: the one for this system).
 */
public record CliSeams(Seams.ProvisionSeams provision, Seams.BalancerPusher balancer, ProvisionTimeouts timeouts, TokenStore tokens) {

    /** The real ones. */
    public static final CliSeams REAL = new CliSeams(null, null, ProvisionTimeouts.DEFAULT, null);
}
