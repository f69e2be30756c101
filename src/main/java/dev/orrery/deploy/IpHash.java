package dev.orrery.deploy;

import java.util.Set;

/**
 * nginx's {@code ip_hash}, computed as {@code ngx_http_upstream_ip_hash_module} does, so a rollout
 * can know where a displaced client lands. For an IPv4 client only the first three octets count;
 * the hash starts at 89 and each try goes on from the last: {@code hash = (hash * 113 + octet) % 6271}
 * over the three octets, then peer {@code hash % total_weight} (every peer weight 1, as Orrery
 * renders them). A peer that is down, failed within its {@code fail_timeout}, or already tried for
 * this request is skipped by hashing again; after 20 tries nginx falls back to round robin.
 *
 * <p>So a client has a fixed preference list, and when its server stops it lands on the first peer
 * of that list that still serves. {@code IpHashTest} checks this against a real nginx.
 */
final class IpHash {
    /** nginx gives up hashing after this many tries and uses round robin (unpredictable here). */
    static final int MAX_TRIES = 20;

    private IpHash() {
    }

    /**
     * The peer (index in the upstream block's order) nginx sends this client to while the peers in
     * {@code unavailable} do not serve, or -1 when nginx would fall back to round robin.
     */
    static int pick(byte[] address, int peers, Set<Integer> unavailable) {
        if (peers < 1 || unavailable.size() >= peers) {
            return -1;
        }
        if (peers == 1) { // nginx's "single" peer: round robin over one
            return 0;
        }
        int hash = 89;
        for (int tries = 0; tries <= MAX_TRIES; tries++) {
            for (int i = 0; i < 3; i++) {
                hash = (hash * 113 + (address[i] & 0xff)) % 6271;
            }
            int p = hash % peers;
            if (!unavailable.contains(p)) {
                return p;
            }
        }
        return -1;
    }

    /** The /24 nginx hashes for a dotted IPv4 address, or null when it is not one. */
    static byte[] ipv4(String address) {
        String a = address.startsWith("::ffff:") ? address.substring(7) : address;
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
