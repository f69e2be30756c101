package dev.orrery.health;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.PeerStatus;
import dev.orrery.remote.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The balancer's own view through the proxy workflow's reader: HAProxy's {@code show stat} over
 * the admin socket, or the check module's {@code /check-status?format=json}, run on the balancer
 * over SSH. A stock nginx keeps no status: the view says so (passive checks only, no entries),
 * which is also what tells the "act on it" option that acting is allowed.
 */
public final class ProxyBalancerViewSource implements BalancerViewSource {
    private static final Pattern COUNTERS = Pattern.compile("\\(rise (\\d+), fall (\\d+)\\)");

    private final Host balancer;
    private final Supplier<Cluster> cluster;
    private final BalancerLayout layout;

    public ProxyBalancerViewSource(Host balancer, Supplier<Cluster> cluster, BalancerLayout layout) {
        this.balancer = balancer;
        this.cluster = cluster;
        this.layout = layout;
    }

    @Override
    public String describe() {
        return cluster.get().balancer().kind() == BalancerKind.HAPROXY ? "HAProxy show stat" : "nginx check_status";
    }

    @Override
    public BalancerView fetch() throws Exception {
        Cluster c = cluster.get();
        Optional<List<PeerStatus>> peers = dev.orrery.proxy.BalancerView.read(balancer, c, layout);
        long now = System.currentTimeMillis();
        if (peers.isEmpty()) {
            String why = c.balancer().kind() == BalancerKind.HAPROXY ? "HAProxy without a stats socket"
                    : "stock nginx: passive checks only, no status to read";
            return new BalancerView(why, now, false, List.of(), null);
        }
        String type = c.balancer().kind() == BalancerKind.HAPROXY ? "haproxy" : "http";
        List<BalancerView.Entry> entries = new ArrayList<>();
        for (PeerStatus p : peers.get()) {
            int rise = -1;
            int fall = -1;
            Matcher m = COUNTERS.matcher(p.detail() != null ? p.detail() : "");
            if (m.find()) {
                rise = Integer.parseInt(m.group(1));
                fall = Integer.parseInt(m.group(2));
            }
            entries.add(new BalancerView.Entry(p.server() != null ? p.server() : p.endpoint(),
                    p.state().name().toLowerCase(Locale.ROOT), p.state() == dev.orrery.proxy.PeerState.UP, rise, fall, type));
        }
        return new BalancerView(describe(), now, true, entries, null);
    }
}
