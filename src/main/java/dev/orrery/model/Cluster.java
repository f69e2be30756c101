package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A whole cluster: the app, its balancer settings, its servers and how it is monitored.
 * Immutable; edits return a copy.
 *
 * @param monitoring sampling and alert rules; null (and absent from the file) means
 *                   {@link Monitoring#defaults()}, so files written before it existed read the same
 * @param firewall   the SSH allow-list the firewalls use; null (absent) until it is set
 */
public record Cluster(String name, AppSpec app, Balancer balancer, List<Server> servers,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Monitoring monitoring,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Firewall firewall) {

    public Cluster {
        servers = servers != null ? List.copyOf(servers) : List.of();
        balancer = balancer != null ? balancer : Balancer.defaults();
        monitoring = monitoring == null || monitoring.equals(Monitoring.defaults()) ? null : monitoring;
    }

    public Cluster(String name, AppSpec app, Balancer balancer, List<Server> servers) {
        this(name, app, balancer, servers, null, null);
    }

    public Cluster(String name, AppSpec app, Balancer balancer, List<Server> servers, Monitoring monitoring) {
        this(name, app, balancer, servers, monitoring, null);
    }

    @JsonCreator
    static Cluster fromJson(@JsonProperty("name") String name,
                            @JsonProperty("app") AppSpec app,
                            @JsonProperty("balancer") Balancer balancer,
                            @JsonProperty("servers") List<Server> servers,
                            @JsonProperty("monitoring") Monitoring monitoring,
                            @JsonProperty("firewall") Firewall firewall) {
        return new Cluster(name, app, balancer, servers, monitoring, firewall);
    }

    /** The monitoring settings in effect: the file's, or the defaults. */
    @JsonIgnore
    public Monitoring monitoringSettings() {
        return monitoring != null ? monitoring : Monitoring.defaults();
    }

    public Cluster withMonitoring(Monitoring m) {
        return new Cluster(name, app, balancer, servers, m, firewall);
    }

    /** The SSH allow-list in effect: the file's, or none yet. */
    @JsonIgnore
    public List<String> sshFrom() {
        return firewall != null ? firewall.sshFrom() : List.of();
    }

    public Cluster withFirewall(Firewall f) {
        return new Cluster(name, app, balancer, servers, monitoring, f);
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
     * behind Orrery's balancer (or a DigitalOcean Load Balancer) and zero when the cluster has none.
     */
    public int forwardedCount() {
        return balancerServer().isPresent() || balancer.managedKind() ? 1 : 0;
    }

    public Cluster withServer(Server server) {
        List<Server> next = new ArrayList<>(servers);
        next.add(server);
        return new Cluster(name, app, balancer, next, monitoring, firewall);
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
        return new Cluster(name, app, b, next, monitoring, firewall);
    }

    public Cluster withoutServer(String serverName) {
        List<Server> next = new ArrayList<>(servers);
        next.removeIf(s -> java.util.Objects.equals(s.name(), serverName));
        return new Cluster(name, app, balancer.withDrained(serverName, false), next, monitoring, firewall);
    }

    public Cluster withBalancer(Balancer b) {
        return new Cluster(name, app, b, servers, monitoring, firewall);
    }

    public Cluster withApp(AppSpec a) {
        return new Cluster(name, a, balancer, servers, monitoring, firewall);
    }
}
