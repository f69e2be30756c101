package dev.orrery.ui.cloud;

import dev.orrery.engine.CloudWiring;
import dev.orrery.engine.Orrery;
import dev.orrery.provision.Seams;

import java.nio.file.Path;

/**
 * The provision seams as the window wires them: the engine's real SSH readiness, server check,
 * deploy and balancer push, over the window's SSH pool (an unknown balancer key is asked about
 * in a dialog; a new droplet's first key is recorded as the engine does).
 */
public final class WindowProvisionSeams {
    private WindowProvisionSeams() {
    }

    public static Seams.ProvisionSeams of(Orrery orrery, Path clusterFile) {
        return CloudWiring.seams(orrery.provisionWiring(clusterFile, orrery.sshHosts()));
    }
}
