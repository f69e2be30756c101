package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The app the cluster runs: its name (also its unix user on the servers), the port it listens on
 * behind the balancer, its environment and the releases deployed, newest last.
 */
public record AppSpec(String name, int port, Map<String, String> environment, List<Release> releases) {

    public AppSpec {
        environment = environment != null ? java.util.Collections.unmodifiableSortedMap(new TreeMap<>(environment)) : Map.of();
        releases = releases != null ? List.copyOf(releases) : List.of();
    }

    @JsonCreator
    static AppSpec fromJson(@JsonProperty("name") String name,
                            @JsonProperty("port") Integer port,
                            @JsonProperty("environment") Map<String, String> environment,
                            @JsonProperty("releases") List<Release> releases) {
        return new AppSpec(name, port != null ? port : 3000, environment, releases);
    }

    /** The live release, or null before the first deploy. */
    public Release currentRelease() {
        return releases.isEmpty() ? null : releases.get(releases.size() - 1);
    }

    public AppSpec withRelease(Release release) {
        List<Release> next = new java.util.ArrayList<>(releases);
        next.removeIf(r -> r.id().equals(release.id()));
        next.add(release);
        return new AppSpec(name, port, environment, next);
    }

    public AppSpec withEnvironment(Map<String, String> env) {
        return new AppSpec(name, port, env, releases);
    }
}
