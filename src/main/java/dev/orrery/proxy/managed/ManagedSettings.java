package dev.orrery.proxy.managed;

import dev.orrery.cloud.LoadBalancerSettings;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.ManagedBalancer;
import dev.orrery.model.Stickiness;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's balancer settings in DigitalOcean's terms: port 80 (and 443 with the account's
 * certificate) forwarded to the app's port on each droplet carrying the cluster's tag; the
 * health check from the cluster's check settings; cookie stickiness or none. DigitalOcean counts
 * the check in whole seconds, at least 3, and its thresholds from 2 to 10: the cluster's
 * sub-second settings (the seed's 750 ms) are rounded up, and {@link #notes} says so.
 */
public record ManagedSettings(LoadBalancerSettings settings, List<String> notes) {

    public static ManagedSettings of(Cluster c) {
        Balancer b = c.balancer();
        ManagedBalancer m = b.managed();
        if (!b.managedKind() || m == null) {
            throw new IllegalArgumentException(c.name() + "'s balancer is " + b.kind().label() + ", not a DigitalOcean Load Balancer");
        }
        List<String> notes = new ArrayList<>();
        int port = c.app().port();
        List<LoadBalancerSettings.Rule> rules = new ArrayList<>();
        rules.add(new LoadBalancerSettings.Rule("http", 80, "http", port, null));
        if (m.certificateId() != null) {
            rules.add(new LoadBalancerSettings.Rule("https", 443, "http", port, m.certificateId()));
        }
        HealthCheck h = b.healthCheck();
        int interval = seconds(h.intervalMs(), 3, 300, "check interval", notes);
        int timeout = seconds(h.timeoutMs(), 3, 300, "check timeout", notes);
        int unhealthy = count(h.fall(), "fall (failures before a droplet leaves)", notes);
        int healthy = count(h.rise(), "rise (passes before it comes back)", notes);
        LoadBalancerSettings.Sticky sticky = b.stickiness() == Stickiness.COOKIE
                ? new LoadBalancerSettings.Sticky("cookies", m.cookieName(), m.cookieTtlSeconds())
                : LoadBalancerSettings.Sticky.NONE;
        LoadBalancerSettings s = new LoadBalancerSettings(ManagedBalancer.nameFor(c.name()), m.region(), m.tagFor(c.name()), rules,
                new LoadBalancerSettings.Check("http", port, h.path(), interval, timeout, unhealthy, healthy), sticky,
                m.redirectHttpToHttps() && m.certificateId() != null);
        return new ManagedSettings(s, List.copyOf(notes));
    }

    private static int seconds(int ms, int min, int max, String what, List<String> notes) {
        int s = (int) Math.min(max, Math.max(min, (ms + 999L) / 1000));
        if (s * 1000L != ms) {
            notes.add("the " + what + " of " + ms + " ms is " + s + " s on DigitalOcean (whole seconds, " + min + "–" + max + ")");
        }
        return s;
    }

    private static int count(int n, String what, List<String> notes) {
        int v = Math.min(10, Math.max(2, n));
        if (v != n) {
            notes.add("the health check's " + what + " of " + n + " is " + v + " on DigitalOcean (2–10)");
        }
        return v;
    }
}
