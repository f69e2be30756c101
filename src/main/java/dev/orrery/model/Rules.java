package dev.orrery.model;

import static dev.orrery.model.CharacterChecks.notAscii;
import static dev.orrery.model.CharacterChecks.printable;
import static dev.orrery.model.CharacterChecks.requiredSafe;
import static dev.orrery.model.CharacterChecks.tooLong;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every rule a value must pass before it can reach an nginx or HAProxy configuration, a shell
 * line or a file name on a server. This is the only place those rules live: the validator, the
 * dialogs, the inspector and the command line all call it. Each method returns the reason a
 * value is refused, or empty when it is fine. Groups of checks live in package-private classes
 * beside it ({@link AddressRules}, {@link DigitalOceanRules}, {@link UrlRules},
 * {@link ServerValueRules}, {@link KeptDirectiveRule}, on {@link CharacterChecks}); this class is
 * still the one entry point.
 */
public final class Rules {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Pattern PROVIDER_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The longest directive text kept from an adopted configuration. */
    public static final int KEPT_MAX = 16 * 1024;

    private Rules() {
    }

    /** A server or cluster name: a lower-case DNS label, as droplet names and nginx server ids need. */
    public static Optional<String> name(String v) {
        Optional<String> unsafe = requiredSafe(v).or(() -> notAscii(v)).or(() -> tooLong(v, 63));
        if (unsafe.isPresent()) {
            return unsafe;
        }
        if (!NAME.matcher(v).matches()) {
            return Optional.of("must be 1–63 lower-case letters, digits or '-', not starting or ending with '-' (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    /** An IPv4 or IPv6 literal, or a DNS host name. Nothing is looked up. */
    public static Optional<String> address(String v) {
        return AddressRules.address(v);
    }

    /** An IPv4 literal, as keepalived's unicast peers and a DigitalOcean reserved IP are. */
    public static Optional<String> ipv4(String v) {
        return AddressRules.ipv4(v);
    }

    /** A DigitalOcean droplet id where one is needed (the reserved IP is assigned to it): digits only. */
    public static Optional<String> dropletId(String v) {
        return DigitalOceanRules.dropletId(v);
    }

    /** A DigitalOcean tag (a managed balancer's droplets carry it): letters, digits, ':', '-', '_'. */
    public static Optional<String> doTag(String v) {
        return DigitalOceanRules.doTag(v);
    }

    /** A DigitalOcean region slug such as nyc3 or fra1. */
    public static Optional<String> doRegion(String v) {
        return DigitalOceanRules.doRegion(v);
    }

    /** The id of a certificate in the DigitalOcean account (uploaded, or made by its Let's Encrypt): a UUID. */
    public static Optional<String> doCertificateId(String v) {
        return DigitalOceanRules.doCertificateId(v);
    }

    /**
     * A managed DigitalOcean balancer keeps a client on one droplet only by a cookie it sets (or not
     * at all): it offers no client-address stickiness.
     */
    public static Optional<String> managedStickiness(Stickiness s) {
        return DigitalOceanRules.managedStickiness(s);
    }

    /** A cookie name for the balancer's sticky cookie: an HTTP token. */
    public static Optional<String> cookieName(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return AddressRules.LABEL.matcher(v).matches() || v.matches("[A-Za-z0-9_-]{1,64}") ? Optional.empty()
                : Optional.of("must be 1–64 letters, digits, '-' or '_' (got \"" + printable(v) + "\")");
    }

    /** A DigitalOcean tag (it goes into API paths): letters, digits, '_', ':' and '-', at most 255. */
    public static Optional<String> cloudTag(String v) {
        return DigitalOceanRules.cloudTag(v);
    }

    /** A DigitalOcean Cloud Firewall's name: letters, digits, '.' and '-', starting with a letter or digit. */
    public static Optional<String> cloudFirewallName(String v) {
        return DigitalOceanRules.cloudFirewallName(v);
    }

    /** A Linux network interface name (at most 15 characters): {@code eth1}, {@code ens4}, {@code vrrp0.1}. */
    public static Optional<String> networkInterface(String v) {
        return AddressRules.networkInterface(v);
    }

    /** The API's base URL written into a balancer's script: scheme, host and port only. */
    public static Optional<String> apiBaseUrl(String v) {
        return UrlRules.apiBaseUrl(v);
    }

    public static boolean isIp(String v) {
        return AddressRules.isIp(v);
    }

    /** An IP literal of this machine's loopback: {@code 127.0.0.0/8} or {@code ::1}. */
    public static boolean isLoopback(String v) {
        return isIp(v) && (v.startsWith("127.") || v.equals("::1"));
    }

    /**
     * An address range for a firewall rule: an IP literal ({@code 203.0.113.7}, {@code 2001:db8::1})
     * or one with a prefix length ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Host names are
     * refused: a firewall must not depend on a lookup.
     */
    public static Optional<String> cidr(String v) {
        return AddressRules.cidr(v);
    }

    /** A DNS host name (RFC 1123), up to 253 characters. */
    public static Optional<String> hostname(String v) {
        return AddressRules.hostname(v);
    }

    /**
     * A name a certificate covers: a host name, or a wildcard {@code *.host.name} (one level, as
     * ACME CAs issue them). At least two labels, since no CA issues for a bare top-level name.
     */
    public static Optional<String> certificateName(String v) {
        return AddressRules.certificateName(v);
    }

    /**
     * An ACME directory: {@code letsencrypt}, {@code letsencrypt-staging}, or an https URL of
     * letters, digits and {@code -._~:/?=&%}, which also goes into the balancer's renewal script.
     */
    public static Optional<String> acmeDirectory(String v) {
        return UrlRules.acmeDirectory(v);
    }

    /** A contact e-mail address (optional): local part and a host name, nothing a shell or config could read. */
    public static Optional<String> email(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        int at = v.indexOf('@');
        if (at < 1 || at != v.lastIndexOf('@') || !EMAIL_LOCAL.matcher(v.substring(0, at)).matches()
                || hostname(v.substring(at + 1)).isPresent() || !v.substring(at + 1).contains(".")) {
            return Optional.of("must be an e-mail address such as ops@example.com (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    public static Optional<String> port(int v) {
        return v >= 1 && v <= 65535 ? Optional.empty() : Optional.of("must be a port between 1 and 65535 (got " + v + ")");
    }

    public static Optional<String> unixUser(String v) {
        return ServerValueRules.unixUser(v);
    }

    /** An SSH key reference: {@code agent}, or a path to an OpenSSH private key file. */
    public static Optional<String> keyReference(String v) {
        return ServerValueRules.keyReference(v);
    }

    /** An absolute file path on a server (certificates, keys): no spaces, quotes or shell characters. */
    public static Optional<String> filePath(String v) {
        return ServerValueRules.filePath(v);
    }

    public static Optional<String> healthPath(String v) {
        return ServerValueRules.healthPath(v);
    }

    public static Optional<String> envKey(String v) {
        return ServerValueRules.envKey(v);
    }

    /**
     * An environment value may hold any text (METEOR_SETTINGS is JSON, with quotes and braces):
     * it is quoted where it is written, never pasted into a shell line. Only NUL, which no
     * environment can carry, and other control characters but tab and newline are refused.
     */
    public static Optional<String> envValue(String v) {
        return ServerValueRules.envValue(v);
    }

    public static Optional<String> releaseId(String v) {
        return ServerValueRules.releaseId(v);
    }

    /** Provider names, droplet ids, regions and sizes: short tokens. Empty is allowed. */
    public static Optional<String> token(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> odd = notAscii(v).or(() -> tooLong(v, 64));
        if (odd.isPresent()) {
            return odd;
        }
        return PROVIDER_TOKEN.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '.', '_' or '-' (got \"" + printable(v) + "\")");
    }

    public static Optional<String> positive(int v, int max) {
        return v >= 1 && v <= max ? Optional.empty() : Optional.of("must be between 1 and " + max + " (got " + v + ")");
    }

    /** A duration in whole seconds from 0 (at once) up to {@code max}. */
    public static Optional<String> seconds(int v, int max) {
        return v >= 0 && v <= max ? Optional.empty() : Optional.of("must be between 0 and " + max + " seconds (got " + v + ")");
    }

    /** An alert rule's threshold: percent (1–100) or days (1–365) as its kind says; kinds without one take any value. */
    public static Optional<String> alertThreshold(AlertKind kind, int v) {
        if (kind == null || !kind.hasThreshold()) {
            return Optional.empty();
        }
        return v >= kind.minThreshold() && v <= kind.maxThreshold() ? Optional.empty()
                : Optional.of("must be between " + kind.minThreshold() + " and " + kind.maxThreshold() + " " + kind.unit()
                + " for a " + kind.key() + " rule (got " + v + ")");
    }

    /**
     * A webhook URL: absolute http or https with a host, at most 2048 characters, no spaces or
     * control characters. Never echoed back whole (it is a secret): only the part that is wrong.
     */
    public static Optional<String> webhookUrl(String v) {
        return UrlRules.webhookUrl(v);
    }

    /**
     * A directive kept verbatim from an adopted balancer configuration (see {@link KeptDirective}).
     * It is configuration text by nature — quotes, '$' and braces are its syntax — so it is not
     * held to {@link CharacterChecks#dangerous}; instead it must be exactly ONE complete directive
     * that cannot reach outside the context it is written into: for nginx, braces balanced outside
     * quotes and comments, never closing a block it did not open, ending in ';' or '}' with nothing
     * after; for HAProxy, one line. Control characters other than tab (and, for nginx, line breaks)
     * are refused.
     */
    public static Optional<String> keptDirective(String v, BalancerKind kind) {
        return KeptDirectiveRule.keptDirective(v, kind);
    }
}
