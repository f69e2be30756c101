package dev.orrery.provision;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Picks names for several new servers at once, so parallel provisions never pick the same one. */
public final class ProvisionNames {
    private ProvisionNames() {
    }

    /** The next {@code count} free names for {@code role}: app-3, app-4 … */
    public static List<String> next(Cluster cluster, Role role, int count) {
        Set<String> taken = new HashSet<>();
        for (Server s : cluster.servers()) {
            taken.add(s.name());
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 1; out.size() < count; i++) {
            String candidate = role.namePrefix() + "-" + i;
            if (taken.add(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }
}
