package dev.orrery.proxy;

import dev.orrery.remote.Command;

/**
 * What the balancer's nginx binary can do beyond stock nginx, read from {@code nginx -V}.
 *
 * @param checkModule  nginx_upstream_check_module (the seed's out-of-band {@code check}); it patches
 *                     nginx's core, so it is in no Debian package — Tengine ships it built in
 * @param stickyModule the third-party nginx-sticky-module-ng ({@code sticky} cookie); stock nginx
 *                     has no cookie stickiness at all (that is an nginx Plus feature)
 */
public record BalancerFeatures(boolean checkModule, boolean stickyModule) {

    public static final BalancerFeatures STOCK = new BalancerFeatures(false, false);

    /** {@code nginx -V} writes to stderr; the host's exec interleaves both streams. */
    public static Command detectCommand() {
        return Command.of("nginx", "-V").describedAs("nginx -V (which modules the balancer's nginx has)");
    }

    /** Reads {@code nginx -V}'s output. Tengine has the check module built in without naming it in its configure arguments. */
    public static BalancerFeatures fromNginxV(String output) {
        String v = output.toLowerCase(java.util.Locale.ROOT);
        boolean check = v.contains("upstream_check") || v.contains("tengine");
        boolean sticky = v.contains("nginx-sticky-module") || v.contains("sticky-module-ng");
        return new BalancerFeatures(check, sticky);
    }
}
