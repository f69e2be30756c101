package dev.orrery.ha;

import dev.orrery.cloud.SecretSlot;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The DigitalOcean token the balancers' notify script uses to move the reserved IP. Kept on this
 * machine like Orrery's other secrets ({@link #slot}: keychain or owner-only file) and on each
 * balancer as a root-only 0600 file; never in a command line, a log or an exception.
 * {@link #toString()} hides it. It should be a custom-scoped token with only
 * {@code reserved_ip:update} (see the README), not the account token Orrery itself uses.
 */
public final class BalancerToken {
    /** What the notify script accepts (it refuses anything else rather than write it into curl's config line). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{8,200}");

    private final String secret;

    public BalancerToken(String secret) {
        String t = secret == null ? "" : secret.strip();
        if (!SAFE.matcher(t).matches()) {
            // never echo any of it
            throw new IllegalArgumentException("the balancers' DigitalOcean token must be 8 to 200 letters, digits, '_', '.' or '-'");
        }
        this.secret = t;
    }

    /** Where this machine keeps the cluster's balancer token. */
    public static SecretSlot slot(String cluster) {
        return SecretSlot.named("failover-token." + cluster.toLowerCase(java.util.Locale.ROOT));
    }

    /** The file's content on the balancer. */
    byte[] fileBytes() {
        return (secret + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BalancerToken[hidden]";
    }
}
