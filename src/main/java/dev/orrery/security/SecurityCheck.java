package dev.orrery.security;

import dev.orrery.cloud.CloudFirewall;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.remote.Command;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.SudoRefusedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks before acting, per server: log in (as root, or through sudo), what runs the app
 * (systemd or Orrery's supervisor), the host firewall, the Cloud Firewall covering the droplet,
 * and whether the app port answers from outside. {@code orrery ssh-check} and the window's
 * Security section both show this.
 */
public final class SecurityCheck {
    private final Duration connectTimeout;

    public SecurityCheck(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** One server, over {@code host}; {@code cloud} as {@link #cloudFirewalls} said it. */
    public ServerSecurity check(Cluster cluster, Server s, Host host, Map<String, String> cloud) {
        long start = System.nanoTime();
        String error = null;
        String login = "root".equals(s.sshUser()) ? "root" : "sudo";
        String init = null;
        String firewall = null;
        try {
            host.run(Command.of("true")); // as another user this goes through Privilege, so a refusal names the sudoers line needed
            init = host.run(FirewallCommands.initSystem()).output().strip();
            firewall = host.run(FirewallCommands.hostState()).output().strip();
        } catch (SudoRefusedException e) {
            login = "sudo refused";
            error = e.getMessage();
        } catch (RemoteException e) {
            error = e.getMessage();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        String outside = s.role() == Role.APP ? PortReach.probe(s.publicAddress(), cluster.app().port(), connectTimeout) : "-";
        return new ServerSecurity(s.name(), s.role(), s.sshUser() + "@" + s.publicAddress() + ":" + s.sshPort(), error == null, ms, error,
                login, init, firewall, cloud.getOrDefault(s.name(), CloudFirewallPlan.isDroplet(s) ? "unknown" : "not a droplet"), outside);
    }

    /**
     * Which Cloud Firewalls cover each droplet of the cluster (by tag or by id), by server name;
     * {@code none} when none does. One list of firewalls and one read per droplet.
     */
    public static Map<String, String> cloudFirewalls(DigitalOceanClient client, Cluster cluster) {
        List<CloudFirewall> all = client.firewalls().list();
        Map<String, String> out = new HashMap<>();
        for (Server s : cluster.servers()) {
            if (!CloudFirewallPlan.isDroplet(s)) {
                continue;
            }
            long id = Long.parseLong(s.dropletId());
            List<String> tags = client.getDroplet(id).tags();
            List<String> names = new ArrayList<>();
            for (CloudFirewall f : all) {
                if (f.dropletIds().contains(id) || f.tags().stream().anyMatch(tags::contains)) {
                    names.add(f.name());
                }
            }
            out.put(s.name(), names.isEmpty() ? "none" : String.join(", ", names));
        }
        return out;
    }

    /** Every droplet's entry saying why its Cloud Firewall is unknown (no token, the API failed). */
    public static Map<String, String> cloudUnknown(Cluster cluster, String why) {
        Map<String, String> out = new HashMap<>();
        cluster.servers().stream().filter(CloudFirewallPlan::isDroplet).forEach(s -> out.put(s.name(), "unknown (" + why + ")"));
        return out;
    }
}
