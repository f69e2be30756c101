package dev.orrery.cloud;

import dev.orrery.model.Role;

import java.util.List;
import java.util.Locale;

/**
 * The DigitalOcean tags and firewall names Orrery gives a cluster's droplets, in one place: every
 * droplet carries {@code orrery:CLUSTER} and {@code orrery}; app servers and balancers also
 * {@code orrery:CLUSTER:app} / {@code orrery:CLUSTER:balancer}, which the Cloud Firewalls select
 * them by. A cluster name passes {@code Rules.name} ([a-z0-9-]), so both fit the API's patterns.
 */
public final class ClusterTags {
    private ClusterTags() {
    }

    /** The tag every droplet of the cluster carries; provisioning looks droplets up by it. */
    public static String cluster(String cluster) {
        return "orrery:" + cluster;
    }

    /** The tag of the cluster's droplets of one role. */
    public static String role(String cluster, Role role) {
        return cluster(cluster) + ":" + key(role);
    }

    /** The tags a new droplet of {@code role} is created with; the cluster's own comes first. */
    public static List<String> forNew(String cluster, Role role) {
        return List.of(cluster(cluster), "orrery", role(cluster, role));
    }

    /** The name of Orrery's Cloud Firewall for the cluster's droplets of one role: {@code orrery-crater-app}. */
    public static String firewallName(String cluster, Role role) {
        return "orrery-" + cluster + "-" + key(role);
    }

    private static String key(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
