package dev.orrery.security;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link HostFirewall} as an nftables file: Orrery's own table {@code inet orrery}, replaced
 * as a whole in one transaction ({@code nft -f} applies a file atomically), touching no other
 * table. Its input chain drops what it does not accept; for the app port a stranger gets a TCP
 * reset rather than silence, so a closed port is said at once. Every value has passed
 * {@code Rules.cidr} or is a number, so nothing here needs quoting.
 */
public final class NftRuleset {
    public static final String TABLE = "inet orrery";

    private NftRuleset() {
    }

    public static String render(HostFirewall f) {
        StringBuilder b = new StringBuilder();
        b.append("# Orrery's firewall for ").append(f.server()).append(" (").append(f.role().name().toLowerCase(java.util.Locale.ROOT)).append(")\n");
        // create-then-delete: the delete never fails, whether the table existed or not
        b.append("table ").append(TABLE).append("\n");
        b.append("delete table ").append(TABLE).append("\n");
        b.append("table ").append(TABLE).append(" {\n");
        b.append("  chain input {\n");
        b.append("    type filter hook input priority filter; policy drop;\n");
        b.append("    ct state established,related accept\n");
        b.append("    ct state invalid drop\n");
        b.append("    iif lo accept\n");
        b.append("    meta l4proto { icmp, ipv6-icmp } accept\n");
        allow(b, f.sshPort(), f.sshFrom());
        if (f.appPort() > 0) {
            allow(b, f.appPort(), f.appFrom());
            b.append("    tcp dport ").append(f.appPort()).append(" reject with tcp reset\n");
        }
        if (!f.vrrpFrom().isEmpty()) {
            // keepalived's unicast adverts from the failover peer; counted, so `nft list table inet orrery` shows they arrive
            b.append("    ip saddr { ").append(String.join(", ", f.vrrpFrom())).append(" } ip protocol ").append(HostFirewall.VRRP)
                    .append(" counter accept\n");
        }
        if (!f.open().isEmpty()) {
            b.append("    tcp dport { ").append(f.open().stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" } accept\n");
        }
        b.append("  }\n");
        b.append("}\n");
        return b.toString();
    }

    private static void allow(StringBuilder b, int port, List<String> from) {
        List<String> v4 = from.stream().filter(a -> !a.contains(":")).toList();
        List<String> v6 = from.stream().filter(a -> a.contains(":")).toList();
        if (!v4.isEmpty()) {
            b.append("    ip saddr { ").append(String.join(", ", v4)).append(" } tcp dport ").append(port).append(" accept\n");
        }
        if (!v6.isEmpty()) {
            b.append("    ip6 saddr { ").append(String.join(", ", v6)).append(" } tcp dport ").append(port).append(" accept\n");
        }
    }

    /** The file that puts back a host without Orrery's table. */
    static String none() {
        return "table " + TABLE + "\ndelete table " + TABLE + "\n";
    }
}
