package dev.orrery.health;

import dev.orrery.model.Server;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the balancer itself thinks of its servers: the check module's status page or HAProxy's
 * {@code show stat}. Entries are matched to Orrery's servers by name, or by {@code address:port}
 * (the check-status page names peers that way).
 *
 * @param activeChecks true when the balancer runs checks of its own (check module, HAProxy);
 *                     false for stock nginx, which only has passive {@code max_fails}
 * @param error        why the poll failed, null when it worked
 */
public record BalancerView(String source, long timeMs, boolean activeChecks, List<Entry> entries, String error) {

    public BalancerView {
        entries = entries != null ? List.copyOf(entries) : List.of();
    }

    public static BalancerView failed(String source, long timeMs, String error) {
        return new BalancerView(source, timeMs, false, List.of(), error);
    }

    /**
     * One server in the balancer's view.
     *
     * @param status    the balancer's word: up, down, drain, maint, UP 1/2 …
     * @param up        whether the balancer sends it traffic
     * @param riseCount the balancer's current rise counter, -1 when it has none
     * @param fallCount the balancer's current fall counter, -1 when it has none
     */
    public record Entry(String name, String status, boolean up, int riseCount, int fallCount, String type) {

        /**
         * True when the balancer's word is a health verdict (up or down). Drained, maintenance
         * or unchecked servers are out of rotation on purpose, which is no disagreement.
         */
        public boolean verdict() {
            String s = status == null ? "" : status.toLowerCase(java.util.Locale.ROOT);
            return s.startsWith("up") || s.startsWith("down");
        }
    }

    public Entry find(Server server, int appPort) {
        Map<String, Entry> byName = entries.stream()
                .collect(Collectors.toMap(Entry::name, Function.identity(), (a, b) -> a));
        Entry e = byName.get(server.name());
        if (e == null) {
            e = byName.get(server.internalAddress() + ":" + appPort);
        }
        return e;
    }
}
