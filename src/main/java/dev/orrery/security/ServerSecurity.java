package dev.orrery.security;

import dev.orrery.model.Role;

/**
 * What Orrery found on one server before acting: how it logs in, what runs the app, what filters
 * its traffic, and whether its app port answers from outside the private network.
 *
 * @param login          {@code root}, {@code sudo} (another user with passwordless sudo) or {@code sudo refused}
 * @param init           {@code systemd} or {@code supervisor}; null when not reached
 * @param hostFirewall   {@code orrery}, {@code other-rules}, {@code open} or {@code no-nft}; null when not reached
 * @param cloudFirewall  the Cloud Firewalls covering the droplet ({@code none} when none), {@code not a droplet},
 *                       or why it is unknown
 * @param appPortOutside for an app server: {@code open}, {@code refused} or {@code filtered} (from Orrery's
 *                       machine to its public address); {@code -} for other roles
 */
public record ServerSecurity(String server, Role role, String target, boolean reached, long ms, String error, String login,
                             String init, String hostFirewall, String cloudFirewall, String appPortOutside) {

    /** True when the app port answers from outside: the firewall does not close it. */
    public boolean appPortExposed() {
        return "open".equals(appPortOutside);
    }
}
