package dev.orrery.security;

import dev.orrery.cloud.CloudFirewall;
import dev.orrery.model.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is open where, as a person reads it: per server, each port Orrery's firewalls let in and
 * from whom, on which layer ({@code host} = the server's nftables, {@code cloud} = DigitalOcean's
 * Cloud Firewall). Everything else arriving new is dropped. Built from the same plans that
 * {@code firewall apply} puts in place, so the plan, the command line and the window say the same.
 */
public final class OpenPorts {

    /** One opening: {@code port} ("22", "3000", "80") from {@code from}, on {@code layers} ("host", "cloud", "host+cloud"). */
    public record Opening(String server, String port, String from, String layers) {
    }

    private OpenPorts() {
    }

    public static List<Opening> of(List<HostFirewall> host, CloudFirewallPlan cloud) {
        Map<String, Opening> out = new LinkedHashMap<>();
        for (HostFirewall f : host) {
            add(out, f.server(), Integer.toString(f.sshPort()), String.join(", ", f.sshFrom()), "host");
            if (f.appPort() > 0) {
                add(out, f.server(), Integer.toString(f.appPort()), "balancer " + String.join(", ", f.appFrom()), "host");
            }
            for (int p : f.open()) {
                add(out, f.server(), Integer.toString(p), "anyone", "host");
            }
            if (!f.vrrpFrom().isEmpty()) {
                add(out, f.server(), "vrrp (ip proto " + HostFirewall.VRRP + ")", "failover peer " + String.join(", ", f.vrrpFrom()), "host");
            }
        }
        for (CloudFirewallPlan.Wanted w : cloud.firewalls()) {
            for (String server : w.servers()) {
                for (CloudFirewall.Rule r : w.firewall().inbound()) {
                    if (r.protocol().equals("tcp")) {
                        String from = r.target().describe();
                        if (w.role() == Role.APP && !r.target().tags().isEmpty()) {
                            from = "balancer " + from;
                        }
                        add(out, server, r.ports(), from, "cloud");
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, Opening> out, String server, String port, String from, String layer) {
        String key = server + "/" + port;
        Opening was = out.get(key);
        if (was == null) {
            out.put(key, new Opening(server, port, from, layer));
        } else if (!was.layers().contains(layer)) {
            // one row per port: the host layer names addresses, the cloud layer may name the balancer's tag
            String from2 = was.from().equals(from) ? from : was.from() + " | " + from;
            out.put(key, new Opening(server, port, from2, was.layers() + "+" + layer));
        }
    }
}
