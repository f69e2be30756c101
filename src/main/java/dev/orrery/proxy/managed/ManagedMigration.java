package dev.orrery.proxy.managed;

import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From a balancer droplet (nginx or HAProxy) to a DigitalOcean Load Balancer: the cluster as it
 * will be, the steps, and what changes for the people using the app. Pure: nothing is called.
 *
 * @param target   the cluster file after the move (kind do-load-balancer, no balancer droplet)
 * @param steps    what Orrery does and what the user does, in order
 * @param changes  what users of the app will notice
 * @param blockers why it cannot be applied as asked (empty: it can)
 */
public record ManagedMigration(Cluster target, List<Server> oldBalancers, List<String> steps, List<String> changes, List<String> blockers) {

    public static ManagedMigration plan(Cluster c, String region, String certificateId) {
        Balancer b = c.balancer();
        List<String> blockers = new ArrayList<>();
        if (b.managedKind()) {
            blockers.add(c.name() + "'s balancer already is a DigitalOcean Load Balancer");
        }
        List<Server> lbs = c.byRole(Role.BALANCER);
        String where = Optional.ofNullable(region)
                .or(() -> c.servers().stream().map(Server::region).filter(r -> r != null && !r.isBlank()).findFirst())
                .orElse(null);
        if (where == null) {
            blockers.add("no region: none of the servers records one; give --region (the app droplets' region, e.g. nyc3)");
        }
        List<String> notDroplets = c.appServers().stream().filter(s -> ManagedBalancerPush.dropletId(s).isEmpty()).map(Server::name).toList();
        if (!notDroplets.isEmpty()) {
            blockers.add("a DigitalOcean Load Balancer reaches droplets only, by id; " + String.join(", ", notDroplets)
                    + " record(s) no droplet id (adopt them with orrery adopt, or set dropletId)");
        }
        if (b.tls() != null && certificateId == null) {
            blockers.add("the cluster serves HTTPS: give --certificate-id, a certificate in your DigitalOcean account (upload yours, or"
                    + " let DigitalOcean's Let's Encrypt make one under Networking ▸ Certificates), or users lose HTTPS");
        }
        Stickiness sticky = b.stickiness() == Stickiness.NONE ? Stickiness.NONE : Stickiness.COOKIE;
        ManagedBalancer m = ManagedBalancer.fromRegion(where == null ? "nyc3" : where).withCertificateId(certificateId)
                .withRedirect(b.tls() != null && certificateId != null);
        Balancer nb = new Balancer(BalancerKind.DO_LOAD_BALANCER, sticky, b.healthCheck(), null, 80, 443, b.drained(), List.of(), null, m);
        Cluster target = new Cluster(c.name(), c.app(), nb, c.servers().stream().filter(s -> s.role() != Role.BALANCER).toList(),
                c.monitoring());

        List<String> changes = new ArrayList<>();
        if (b.stickiness() == Stickiness.IP_HASH || b.stickiness() == Stickiness.CONSISTENT_HASH) {
            changes.add("Sticky sessions move from the client's IP address (" + b.stickiness().description() + ") to a cookie ("
                    + m.cookieName() + ", " + m.cookieTtlSeconds() + " s): DigitalOcean offers only cookie stickiness. Clients that"
                    + " refuse cookies are spread over the servers; Meteor's DDP reconnects if a client lands elsewhere.");
        } else if (b.stickiness() == Stickiness.COOKIE) {
            changes.add("Sticky sessions stay cookie-based, with DigitalOcean's cookie " + m.cookieName() + ".");
        } else {
            changes.add("No sticky sessions, as before.");
        }
        changes.add("Users reach the app at the load balancer's own address: nothing changes for them until DNS points there.");
        changes.add("The app sees the client's address in X-Forwarded-For from the load balancer, as before from "
                + b.kind().label() + " (HTTP_FORWARDED_COUNT stays 1).");
        if (b.tls() != null) {
            changes.add("TLS ends at the load balancer with certificate " + certificateId + (b.tls().managedByAcme()
                    ? "; Orrery's own ACME renewals on the balancer droplet stop with it" : "") + "; HTTP is redirected to HTTPS.");
        }
        ManagedSettings ms = ManagedSettings.of(target);
        changes.addAll(ms.notes().stream().map(n -> "Health check: " + n + ".").toList());
        if (!b.kept().isEmpty()) {
            changes.add(b.kept().size() + " " + b.kind().label() + " directive(s) kept from the adopted configuration cannot follow"
                    + " (a DigitalOcean Load Balancer takes no configuration file).");
        }
        if (b.failover() != null) {
            changes.add("The failover pair and its reserved IP " + b.failover().reservedIp() + " are no longer needed: DigitalOcean keeps"
                    + " the load balancer available.");
        }

        String lbName = ManagedBalancer.nameFor(c.name());
        List<String> steps = new ArrayList<>();
        steps.add("Orrery: tag the app droplets " + m.tagFor(c.name()) + " (drained servers stay untagged).");
        steps.add("Orrery: create the DigitalOcean Load Balancer " + lbName + " in " + m.region() + ": port 80"
                + (certificateId != null ? " and 443 (TLS)" : "") + " to the app's port " + c.app().port() + ", health check "
                + c.balancer().healthCheck().path() + ", droplets by tag.");
        steps.add("Orrery: write the cluster file with the balancer kind do-load-balancer (the old file is kept beside it, .before-managed);"
                + " from now on deploys drain a server by taking its tag off.");
        steps.add("You: wait until the load balancer is active (orrery balancer managed-status), then try the app at its IP.");
        steps.add("You: point DNS (A record" + (b.tls() != null ? " of " + b.tls().serverName() : "") + ") at the load balancer's IP."
                + " Orrery does not change DNS. Keep the old record's TTL in mind: some clients use the old balancer until it runs out.");
        for (Server lb : lbs) {
            steps.add("You: once no traffic reaches " + lb.name() + " (" + lb.publicAddress() + "), delete that droplet"
                    + (lb.dropletId() != null ? " (" + lb.dropletId() + ")" : "") + "; until then it keeps its last configuration.");
        }
        return new ManagedMigration(target, lbs, List.copyOf(steps), List.copyOf(changes), List.copyOf(blockers));
    }
}
