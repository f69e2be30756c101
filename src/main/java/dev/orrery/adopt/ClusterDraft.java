package dev.orrery.adopt;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Problem;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster a balancer import builds up: the base cluster's app and servers, with the balancer
 * settings, app servers and app port the configuration says. Servers are matched by address
 * (private or public); an upstream address the cluster does not know becomes a new app server.
 */
final class ClusterDraft {
    private final Cluster base;
    private final BalancerKind kind;
    private final ImportLog log;
    private final List<Server> servers = new ArrayList<>();
    private final Set<String> drained = new LinkedHashSet<>();
    private final Set<String> inUpstream = new LinkedHashSet<>();
    private String name;
    private Stickiness stickiness;
    private Integer appPort;
    private int httpPort = 80;
    private int httpsPort = 443;
    private Tls tls;
    private String checkPath;
    private Integer interval, rise, fall, timeout;
    private Server balancer;

    ClusterDraft(Cluster base, BalancerKind kind, ImportLog log) {
        this.base = base;
        this.kind = kind;
        this.log = log;
        if (base != null) {
            servers.addAll(base.servers());
            name = base.name();
        }
    }

    /** Names a new cluster after the app's upstream (or backend), when it is a valid name. */
    void upstreamName(String upstream) {
        if (name == null) {
            String candidate = upstream == null ? "" : upstream.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
            name = Rules.name(candidate).isEmpty() ? candidate : "imported";
        }
    }

    int httpPort() {
        return httpPort;
    }

    int httpsPort() {
        return httpsPort;
    }

    void httpPort(int p) {
        httpPort = p;
    }

    void httpsPort(int p) {
        httpsPort = p;
    }

    void tls(Tls t) {
        tls = t;
    }

    void stickiness(Stickiness s) {
        stickiness = s;
    }

    boolean hasStickiness() {
        return stickiness != null;
    }

    void check(Integer intervalMs, Integer riseCount, Integer fallCount, Integer timeoutMs) {
        interval = intervalMs;
        rise = riseCount;
        fall = fallCount;
        timeout = timeoutMs;
    }

    void checkPath(String path) {
        checkPath = path;
    }

    /** The balancer host the configuration was read from. */
    void balancerServer(Server s) {
        balancer = s;
    }

    /** The app port every upstream server shares; the first one read sets it. */
    Optional<Integer> appPort() {
        return Optional.ofNullable(appPort);
    }

    /**
     * The app server at {@code address}: a server of the cluster with that address, or a new one.
     * Returns its name.
     */
    String appServer(String address, int port, boolean down, String serverName) {
        if (appPort == null) {
            appPort = port;
        }
        Server found = servers.stream().filter(s -> address.equals(s.privateAddress()) || address.equals(s.publicAddress()))
                .findFirst().orElse(null);
        if (found == null) {
            String n = serverName != null && Rules.name(serverName).isEmpty() && servers.stream().noneMatch(s -> s.name().equals(serverName))
                    ? serverName : new Cluster("x", null, null, servers).suggestName(Role.APP);
            found = Server.of(n, Role.APP, address);
            servers.add(found);
            log.note(n + " (" + address + ") is in the balancer but was not in the cluster: added with only that address"
                    + (isPrivate(address) ? ", a private one; set its public address for SSH" : ""));
        } else if (found.role() != Role.APP) {
            log.note(found.name() + " (" + address + ") is a " + found.role().label().toLowerCase() + " in the cluster but an app server in the balancer;"
                    + " it stays a " + found.role().label().toLowerCase());
        }
        inUpstream.add(found.name());
        if (down) {
            drained.add(found.name());
        }
        return found.name();
    }

    static boolean isPrivate(String a) {
        return a.startsWith("10.") || a.startsWith("192.168.") || a.matches("172\\.(1[6-9]|2\\d|3[01])\\..*");
    }

    ImportResult finish(ImportLog l) throws ImportException {
        for (Server s : servers) {
            if (s.role() == Role.APP && !inUpstream.contains(s.name()) && !inUpstream.isEmpty()) {
                l.note(s.name() + " is an app server of the cluster but not in the live balancer: a push adds it");
            }
        }
        List<Server> out = new ArrayList<>();
        for (Server s : servers) {
            out.add(s);
        }
        if (balancer != null) {
            Server lb = out.stream().filter(s -> s.role() == Role.BALANCER).findFirst().orElse(null);
            if (lb == null) {
                out.add(0, balancer);
            } else if (!lb.publicAddress().equals(balancer.publicAddress()) && !balancer.publicAddress().equals(lb.privateAddress())) {
                l.note("the cluster's balancer " + lb.name() + " is at " + lb.publicAddress() + ", but the configuration was read from "
                        + balancer.publicAddress() + ": the cluster keeps " + lb.publicAddress());
            }
        }
        HealthCheck baseCheck = base != null ? base.balancer().healthCheck() : HealthCheck.DEFAULT;
        HealthCheck check = new HealthCheck(checkPath != null ? checkPath : baseCheck.path(),
                interval != null ? interval : baseCheck.intervalMs(), rise != null ? rise : baseCheck.rise(),
                fall != null ? fall : baseCheck.fall(), timeout != null ? timeout : baseCheck.timeoutMs());
        if (stickiness == null) {
            stickiness = Stickiness.NONE;
            l.note("no ip_hash, hash or sticky line: the cluster is imported with no stickiness (round robin)");
        }
        Balancer b = new Balancer(kind, stickiness, check, tls, httpPort, httpsPort, List.copyOf(drained), l.keptList());
        AppSpec app = base != null && base.app() != null ? base.app() : new AppSpec(name, 3000, Map.of(), List.of());
        if (appPort != null && appPort != app.port()) {
            if (base != null && base.app() != null) {
                l.note("app.port was " + app.port() + "; the balancer sends requests to port " + appPort + ", so the cluster now says " + appPort);
            }
            app = new AppSpec(app.name(), appPort, app.environment(), app.releases());
        }
        Cluster c = new Cluster(name, app, b, out);
        List<Problem> problems = ClusterValidator.validate(c);
        if (!problems.isEmpty()) {
            throw new ImportException("the imported cluster is not valid: " + problems.stream()
                    .map(p -> p.field() + " " + p.message()).reduce((a, x) -> a + "; " + x).orElse(""));
        }
        return new ImportResult(c, l.items, l.notes);
    }
}
