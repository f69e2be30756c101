package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A whole cluster: the app, its balancer settings and its servers. Immutable; edits return a copy. */
public record Cluster(String name, AppSpec app, Balancer balancer, List<Server> servers) {

    public Cluster {
        servers = servers != null ? List.copyOf(servers) : List.of();
        balancer = balancer != null ? balancer : Balancer.defaults();
    }

    @JsonCreator
    static Cluster fromJson(@JsonProperty("name") String name,
                            @JsonProperty("app") AppSpec app,
                            @JsonProperty("balancer") Balancer balancer,
                            @JsonProperty("servers") List<Server> servers) {
        return new Cluster(name, app, balancer, servers);
    }

    public List<Server> byRole(Role role) {
        return servers.stream().filter(s -> s.role() == role).toList();
    }

    @JsonIgnore
    public List<Server> appServers() {
        return byRole(Role.APP);
    }

    @JsonIgnore
    public Optional<Server> balancerServer() {
        return byRole(Role.BALANCER).stream().findFirst();
    }

    /**
     * Every balancer server: one, or two when the balancer has {@link Failover} (the first is the
     * one that holds the reserved IP when both are healthy).
     */
    @JsonIgnore
    public List<Server> balancerServers() {
        return byRole(Role.BALANCER);
    }

    public Optional<Server> server(String serverName) {
        return servers.stream().filter(s -> java.util.Objects.equals(s.name(), serverName)).findFirst();
    }

    /** The next free name for a role: app-1, app-2 … skipping names already taken. */
    public String suggestName(Role role) {
        Set<String> taken = servers.stream().map(Server::name).collect(Collectors.toSet());
        for (int i = 1; ; i++) {
            String candidate = role.namePrefix() + "-" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * {@code HTTP_FORWARDED_COUNT} for the app: the number of proxies in front of it, which is one
     * behind Orrery's balancer and zero when the cluster has none.
     */
    public int forwardedCount() {
        return balancerServer().isPresent() ? 1 : 0;
    }

    public Cluster withServer(Server server) {
        List<Server> next = new ArrayList<>(servers);
        next.add(server);
        return new Cluster(name, app, balancer, next);
    }

    /** Replaces the server called {@code oldName} (the new one may carry another name). */
    public Cluster replaceServer(String oldName, Server server) {
        List<Server> next = new ArrayList<>(servers.size());
        for (Server s : servers) {
            next.add(java.util.Objects.equals(s.name(), oldName) ? server : s);
        }
        Balancer b = balancer;
        if (!oldName.equals(server.name()) && b.isDrained(oldName)) {
            b = b.withDrained(oldName, false).withDrained(server.name(), true);
        }
        return new Cluster(name, app, b, next);
    }

    public Cluster withoutServer(String serverName) {
        List<Server> next = new ArrayList<>(servers);
        next.removeIf(s -> java.util.Objects.equals(s.name(), serverName));
        return new Cluster(name, app, balancer.withDrained(serverName, false), next);
    }

    public Cluster withBalancer(Balancer b) {
        return new Cluster(name, app, b, servers);
    }

    public Cluster withApp(AppSpec a) {
        return new Cluster(name, a, balancer, servers);
    }
}
