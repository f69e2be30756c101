package dev.orrery.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks a whole cluster with {@link Rules}, naming each bad field by its path in the file. */
public final class ClusterValidator {

    private ClusterValidator() {
    }

    public static List<Problem> validate(Cluster c) {
        List<Problem> out = new ArrayList<>();
        check(out, "name", Rules.name(c.name()));
        if (c.app() == null) {
            out.add(new Problem("app", "is required"));
        } else {
            validateApp(out, c.app());
        }
        validateBalancer(out, c.balancer(), c);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.servers().size(); i++) {
            Server s = c.servers().get(i);
            String at = "servers[" + i + "]";
            validateServer(out, at, s);
            if (s.name() != null && !names.add(s.name())) {
                out.add(new Problem(at + ".name", "\"" + s.name() + "\" is used by another server"));
            }
        }
        if (c.monitoring() != null) {
            validateMonitoring(out, c.monitoring());
        }
        if (c.firewall() != null) {
            List<String> from = c.firewall().sshFrom();
            for (int i = 0; i < from.size(); i++) {
                check(out, "firewall.sshFrom[" + i + "]", Rules.cidr(from.get(i)));
            }
        }
        int balancers = c.byRole(Role.BALANCER).size();
        if (c.balancer().managedKind() || c.balancer().managed() != null) {
            validateManaged(out, c.balancer(), balancers);
        } else if (c.balancer().failover() == null && balancers > 1) {
            out.add(new Problem("servers", "has more than one load balancer; a second one needs \"balancer.failover\""
                    + " (two balancers behind a reserved IP)"));
        } else if (c.balancer().failover() != null) {
            validateFailover(out, c.balancer().failover(), c);
        }
        return out;
    }

    /** Validates one server on its own, as the inspector and the add dialog do. */
    public static List<Problem> validateServer(Server s) {
        List<Problem> out = new ArrayList<>();
        validateServer(out, "server", s);
        return out;
    }

    public static void requireValid(Cluster c) {
        List<Problem> problems = validate(c);
        if (!problems.isEmpty()) {
            throw new InvalidClusterException(problems);
        }
    }

    private static void validateServer(List<Problem> out, String at, Server s) {
        check(out, at + ".name", Rules.name(s.name()));
        // A droplet still being made, or one whose making failed, may not have an address yet; it
        // must still be saved so it is never an orphan nobody sees.
        boolean mayLackAddress = (s.state() == ServerState.PROVISIONING || s.state() == ServerState.FAILED)
                && (s.publicAddress() == null || s.publicAddress().isEmpty());
        if (!mayLackAddress) {
            check(out, at + ".publicAddress", Rules.address(s.publicAddress()));
        }
        if (s.privateAddress() != null && !s.privateAddress().isEmpty()) {
            check(out, at + ".privateAddress", Rules.address(s.privateAddress()));
        }
        check(out, at + ".sshUser", Rules.unixUser(s.sshUser()));
        check(out, at + ".sshPort", Rules.port(s.sshPort()));
        check(out, at + ".sshKey", Rules.keyReference(s.sshKey()));
        check(out, at + ".provider", Rules.token(s.provider()));
        check(out, at + ".dropletId", Rules.token(s.dropletId()));
        check(out, at + ".region", Rules.token(s.region()));
        check(out, at + ".size", Rules.token(s.size()));
        if (s.release() != null) {
            check(out, at + ".release", Rules.releaseId(s.release()));
        }
    }

    private static void validateApp(List<Problem> out, AppSpec app) {
        check(out, "app.name", Rules.name(app.name()));
        check(out, "app.port", Rules.port(app.port()));
        for (Map.Entry<String, String> e : app.environment().entrySet()) {
            String at = "app.environment." + e.getKey();
            check(out, "app.environment", Rules.envKey(e.getKey()).map(m -> "key \"" + CharacterChecks.printable(e.getKey()) + "\" " + m));
            check(out, at, Rules.envValue(e.getValue()));
        }
        for (int i = 0; i < app.releases().size(); i++) {
            Release r = app.releases().get(i);
            check(out, "app.releases[" + i + "].id", Rules.releaseId(r.id()));
            if (r.kind() == null) {
                out.add(new Problem("app.releases[" + i + "].kind", "is required (meteor, node or jar)"));
            }
        }
    }

    private static void validateBalancer(List<Problem> out, Balancer b, Cluster c) {
        HealthCheck h = b.healthCheck();
        check(out, "balancer.healthCheck.path", Rules.healthPath(h.path()));
        check(out, "balancer.healthCheck.intervalMs", Rules.positive(h.intervalMs(), 3_600_000));
        check(out, "balancer.healthCheck.rise", Rules.positive(h.rise(), 100));
        check(out, "balancer.healthCheck.fall", Rules.positive(h.fall(), 100));
        check(out, "balancer.healthCheck.timeoutMs", Rules.positive(h.timeoutMs(), 600_000));
        check(out, "balancer.httpPort", Rules.port(b.httpPort()));
        check(out, "balancer.httpsPort", Rules.port(b.httpsPort()));
        if (b.httpPort() == b.httpsPort()) {
            // nginx refuses it (nginx -t), HAProxy takes it and then half the requests fail.
            out.add(new Problem("balancer.httpsPort", "is the same port as balancer.httpPort (" + b.httpPort()
                    + "); HTTP and HTTPS each need a port of their own"));
        }
        if (b.tls() != null) {
            check(out, "balancer.tls.serverName", Rules.hostname(b.tls().serverName()));
            check(out, "balancer.tls.certificatePath", Rules.filePath(b.tls().certificatePath()));
            check(out, "balancer.tls.keyPath", Rules.filePath(b.tls().keyPath()));
            if (b.tls().acme() != null) {
                validateAcme(out, b.tls().acme());
                if (!b.tls().serverName().contains(".")) {
                    out.add(new Problem("balancer.tls.serverName", "must be a full DNS name such as crater.example.com for a CA to"
                            + " issue its certificate (got \"" + b.tls().serverName() + "\")"));
                }
            }
        }
        for (int i = 0; i < b.kept().size(); i++) {
            KeptDirective k = b.kept().get(i);
            String at = "balancer.kept[" + i + "]";
            if (k.context().kind() != b.kind()) {
                out.add(new Problem(at + ".context", "\"" + k.context().word() + "\" is a context of " + k.context().kind().name().toLowerCase()
                        + ", not of this " + b.kind().name().toLowerCase() + " balancer"));
            }
            check(out, at + ".text", Rules.keptDirective(k.text(), k.context().kind()));
        }
        for (String d : b.drained()) {
            if (c.server(d).filter(s -> s.role() == Role.APP).isEmpty()) {
                out.add(new Problem("balancer.drained", "names \"" + CharacterChecks.printable(d) + "\", which is not an app server of this cluster"));
            }
        }
    }

    /**
     * A DigitalOcean Load Balancer: its region, tag and certificate in the account; stickiness by
     * cookie or none (DigitalOcean offers nothing else); no balancer droplet, no failover pair, no
     * nginx/HAProxy directives, and TLS through the account's certificate rather than files.
     */
    private static void validateManaged(List<Problem> out, Balancer b, int balancerServers) {
        ManagedBalancer m = b.managed();
        if (!b.managedKind()) {
            out.add(new Problem("balancer.managed", "is only for the kind \"do-load-balancer\" (this balancer is "
                    + b.kind().label() + ")"));
            return;
        }
        if (m == null) {
            out.add(new Problem("balancer.managed", "is required for a DigitalOcean Load Balancer (at least its \"region\", e.g. nyc3)"));
            return;
        }
        check(out, "balancer.managed.region", Rules.doRegion(m.region()));
        if (m.tag() != null) {
            check(out, "balancer.managed.tag", Rules.doTag(m.tag()));
        }
        if (m.certificateId() != null) {
            check(out, "balancer.managed.certificateId", Rules.doCertificateId(m.certificateId()));
        } else if (m.redirectHttpToHttps()) {
            out.add(new Problem("balancer.managed.redirectHttpToHttps", "needs HTTPS: set balancer.managed.certificateId"));
        }
        check(out, "balancer.stickiness", Rules.managedStickiness(b.stickiness()));
        if (b.stickiness() == Stickiness.COOKIE) {
            check(out, "balancer.managed.cookieName", Rules.cookieName(m.cookieName()));
            check(out, "balancer.managed.cookieTtlSeconds", Rules.positive(m.cookieTtlSeconds(), 604_800));
        }
        if (b.tls() != null) {
            out.add(new Problem("balancer.tls", "does not apply to a DigitalOcean Load Balancer: it ends TLS with a certificate in the"
                    + " DigitalOcean account; set balancer.managed.certificateId instead"));
        }
        if (b.failover() != null) {
            out.add(new Problem("balancer.failover", "does not apply to a DigitalOcean Load Balancer, which DigitalOcean keeps available"));
        }
        if (!b.kept().isEmpty()) {
            out.add(new Problem("balancer.kept", "holds nginx/HAProxy directives, which a DigitalOcean Load Balancer cannot take"));
        }
        if (balancerServers > 0) {
            out.add(new Problem("servers", "has a load balancer droplet; a DigitalOcean Load Balancer needs none (remove it, or keep it"
                    + " as an app server)"));
        }
    }

    /**
     * Failover needs exactly two balancers, each with a private IPv4 address (keepalived's unicast
     * peers) and a droplet id (the reserved IP is assigned to a droplet). The reserved IP may be
     * absent until the failover setup creates it.
     */
    private static void validateFailover(List<Problem> out, Failover f, Cluster c) {
        if (f.reservedIp() != null) { // absent: `orrery balancer failover setup` creates one and writes it here
            check(out, "balancer.failover.reservedIp", Rules.ipv4(f.reservedIp()));
        }
        check(out, "balancer.failover.virtualRouterId", Rules.positive(f.virtualRouterId(), 255));
        check(out, "balancer.failover.networkInterface", Rules.networkInterface(f.networkInterface()));
        List<Server> lbs = c.byRole(Role.BALANCER);
        if (lbs.size() != 2) {
            out.add(new Problem("balancer.failover", "needs exactly two load balancers (the cluster has " + lbs.size() + ")"));
        }
        for (Server s : lbs) {
            String at = "servers[" + c.servers().indexOf(s) + "]";
            check(out, at + ".privateAddress", Rules.ipv4(s.privateAddress())
                    .map(m -> m + "; a failover balancer talks to its peer over its private IPv4 address"));
            check(out, at + ".dropletId", Rules.dropletId(s.dropletId())
                    .map(m -> m + "; the reserved IP is assigned to a balancer by its droplet id"));
            if (f.reservedIp() != null && (f.reservedIp().equals(s.privateAddress()) || f.reservedIp().equals(s.publicAddress()))) {
                out.add(new Problem("balancer.failover.reservedIp", "is " + s.name() + "'s own address; a reserved IP is one of its own"));
            }
        }
    }

    /** The sampling interval, each alert rule and each webhook's name (webhook URLs are secrets, not in the file). */
    private static void validateMonitoring(List<Problem> out, Monitoring m) {
        check(out, "monitoring.sampleSeconds", Rules.positive(m.sampleSeconds(), 3600));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < m.rules().size(); i++) {
            AlertRule r = m.rules().get(i);
            String at = "monitoring.rules[" + i + "]";
            if (r == null) {
                out.add(new Problem(at, "is null; write a rule as {\"kind\": \"cpu\", …}"));
                continue;
            }
            if (r.kind() == null) {
                out.add(new Problem(at + ".kind", "is required (server-down, cpu, memory, disk, certificate or deploy)"));
            }
            check(out, at + ".name", Rules.name(r.name()));
            if (r.name() != null && !names.add(r.name())) {
                out.add(new Problem(at + ".name", "\"" + CharacterChecks.printable(r.name()) + "\" is used by another rule"));
            }
            check(out, at + ".threshold", Rules.alertThreshold(r.kind(), r.threshold()));
            check(out, at + ".forSeconds", Rules.seconds(r.forSeconds(), 86_400));
            check(out, at + ".clearSeconds", Rules.seconds(r.clearSeconds(), 86_400));
        }
        Set<String> hooks = new HashSet<>();
        for (int i = 0; i < m.webhooks().size(); i++) {
            Webhook w = m.webhooks().get(i);
            String at = "monitoring.webhooks[" + i + "]";
            if (w == null) {
                out.add(new Problem(at, "is null; write a webhook as {\"name\": \"ops\", \"format\": \"slack\"}"));
                continue;
            }
            check(out, at + ".name", Rules.name(w.name()));
            if (w.name() != null && !hooks.add(w.name())) {
                out.add(new Problem(at + ".name", "\"" + CharacterChecks.printable(w.name()) + "\" is used by another webhook"));
            }
        }
    }

    private static void validateAcme(List<Problem> out, Acme a) {
        check(out, "balancer.tls.acme.directory", Rules.acmeDirectory(a.directory()));
        check(out, "balancer.tls.acme.email", Rules.email(a.email()));
        for (int i = 0; i < a.names().size(); i++) {
            String n = a.names().get(i);
            check(out, "balancer.tls.acme.names[" + i + "]", Rules.certificateName(n));
            if (n != null && n.startsWith("*.") && a.challenge() != Acme.Challenge.DNS_01) {
                out.add(new Problem("balancer.tls.acme.names[" + i + "]", "is a wildcard, which CAs only issue through dns-01"
                        + " (set \"challenge\": \"dns-01\")"));
            }
        }
        if (a.dnsZone() != null) {
            check(out, "balancer.tls.acme.dnsZone", Rules.hostname(a.dnsZone()));
        }
    }

    private static void check(List<Problem> out, String field, Optional<String> message) {
        message.ifPresent(m -> out.add(new Problem(field, m)));
    }
}
