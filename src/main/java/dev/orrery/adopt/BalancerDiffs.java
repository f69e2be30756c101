package dev.orrery.adopt;

import java.util.List;

/**
 * What a push would change on each of the cluster's balancers: one, or both of a failover pair
 * (a push writes to both, so a hand edit on the standby matters as much as one on the live one).
 */
public record BalancerDiffs(List<Each> each) {

    /** One balancer's diff; {@code balancer} is null for a configuration saved on this computer. */
    public record Each(String balancer, ProxyDiff diff) {
    }

    public BalancerDiffs {
        if (each.isEmpty()) {
            throw new IllegalArgumentException("no balancer compared");
        }
        each = List.copyOf(each);
    }

    /** A configuration read from a file on this computer: no balancer named. */
    public static BalancerDiffs ofFile(ProxyDiff d) {
        return new BalancerDiffs(List.of(new Each(null, d)));
    }

    /** True when a push would change nothing on any of them. */
    public boolean noChange() {
        return each.stream().allMatch(e -> e.diff().diff().isEmpty());
    }

    /** Each diff's text, under its balancer's name when there are two. */
    public String text() {
        if (each.size() == 1) {
            return each.get(0).diff().text();
        }
        StringBuilder o = new StringBuilder();
        for (Each e : each) {
            o.append(o.length() > 0 ? "\n" : "").append("== ").append(e.balancer()).append(" ==\n").append(e.diff().text());
        }
        return o.toString();
    }

    /** One line for the window: no change, or how many directives a push changes where. */
    public String summary() {
        if (noChange()) {
            return each.size() == 1 ? "No change: the live balancer already runs what a push would write."
                    : "No change: both balancers already run what a push would write.";
        }
        if (each.size() == 1) {
            return "A push changes " + each.get(0).diff().diff().summary().replace(" change(s):", " directive(s):") + ".";
        }
        StringBuilder o = new StringBuilder("A push changes");
        for (Each e : each) {
            o.append(o.toString().endsWith("changes") ? " " : "; ").append("on ").append(e.balancer()).append(": ")
                    .append(e.diff().diff().isEmpty() ? "nothing" : e.diff().diff().summary().replace(" change(s):", " directive(s):"));
        }
        return o.append('.').toString();
    }
}
