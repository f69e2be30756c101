package dev.orrery.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every rule a value must pass before it can reach an nginx or HAProxy configuration, a shell
 * line or a file name on a server. This is the only place those rules live: the validator, the
 * dialogs, the inspector and the command line all call it. Each method returns the reason a
 * value is refused, or empty when it is fine.
 */
public final class Rules {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern UNIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern FILE_PATH = Pattern.compile("/[A-Za-z0-9._/+@-]*");
    private static final Pattern KEY_REF = Pattern.compile("(agent|[A-Za-z0-9._/+@~-]+)");
    private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9._~/%-]*(\\?[A-Za-z0-9._~=&%-]*)?");
    private static final Pattern RELEASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ACME_URL = Pattern.compile("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~:/?=&%-]*)?");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Pattern PROVIDER_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern CLOUD_TAG = Pattern.compile("[A-Za-z0-9_:-]{1,255}");
    private static final Pattern CLOUD_FIREWALL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{1,254}");
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern API_URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    private Rules() {
    }

    /** A server or cluster name: a lower-case DNS label, as droplet names and nginx server ids need. */
    public static Optional<String> name(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        Optional<String> odd = notAscii(v).or(() -> tooLong(v, 63));
        if (odd.isPresent()) {
            return odd;
        }
        if (!NAME.matcher(v).matches()) {
            return Optional.of("must be 1–63 lower-case letters, digits or '-', not starting or ending with '-' (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    /** An IPv4 or IPv6 literal, or a DNS host name. Nothing is looked up. */
    public static Optional<String> address(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        Optional<String> odd = notAscii(v);
        if (odd.isPresent()) {
            return odd;
        }
        if (isIp(v) || hostname(v).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("is neither an IP address nor a host name (got \"" + printable(v) + "\")");
    }

    /** An IPv4 literal, as keepalived's unicast peers and a DigitalOcean reserved IP are. */
    public static Optional<String> ipv4(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        return IPV4.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be an IPv4 address such as 10.0.1.5 (got \"" + printable(v) + "\")");
    }

    /** A DigitalOcean droplet id where one is needed (the reserved IP is assigned to it): digits only. */
    public static Optional<String> dropletId(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return DIGITS.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a droplet's numeric id (got \"" + printable(v) + "\")");
    }

    private static final Pattern DO_TAG = Pattern.compile("[A-Za-z0-9_:-]{1,255}");
    private static final Pattern DO_REGION = Pattern.compile("[a-z]{3}[0-9]");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A DigitalOcean tag (a managed balancer's droplets carry it): letters, digits, ':', '-', '_'. */
    public static Optional<String> doTag(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return DO_TAG.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be 1–255 letters, digits, ':', '-' or '_', as DigitalOcean tags are (got \"" + printable(v) + "\")");
    }

    /** A DigitalOcean region slug such as nyc3 or fra1. */
    public static Optional<String> doRegion(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return DO_REGION.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a DigitalOcean region slug such as nyc3 or fra1 (got \"" + printable(v) + "\")");
    }

    /** The id of a certificate in the DigitalOcean account (uploaded, or made by its Let's Encrypt): a UUID. */
    public static Optional<String> doCertificateId(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return UUID_TEXT.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be the UUID DigitalOcean gives a certificate (Networking ▸ Certificates, or doctl compute certificate list)"
                + " (got \"" + printable(v) + "\")");
    }

    /**
     * A managed DigitalOcean balancer keeps a client on one droplet only by a cookie it sets (or not
     * at all): it offers no client-address stickiness.
     */
    public static Optional<String> managedStickiness(Stickiness s) {
        return s == Stickiness.COOKIE || s == Stickiness.NONE ? Optional.empty()
                : Optional.of("must be \"cookie\" or \"none\" for a DigitalOcean Load Balancer, which offers only cookie stickiness (got \""
                + (s == null ? "nothing" : s.name().toLowerCase()) + "\")");
    }

    /** A cookie name for the balancer's sticky cookie: an HTTP token. */
    public static Optional<String> cookieName(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return LABEL.matcher(v).matches() || v.matches("[A-Za-z0-9_-]{1,64}") ? Optional.empty()
                : Optional.of("must be 1–64 letters, digits, '-' or '_' (got \"" + printable(v) + "\")");
    }

    /** A DigitalOcean tag (it goes into API paths): letters, digits, '_', ':' and '-', at most 255. */
    public static Optional<String> cloudTag(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return CLOUD_TAG.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '_', ':' or '-', at most 255 (got \"" + printable(v) + "\")");
    }

    /** A DigitalOcean Cloud Firewall's name: letters, digits, '.' and '-', starting with a letter or digit. */
    public static Optional<String> cloudFirewallName(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        return CLOUD_FIREWALL.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '.' or '-', starting with a letter or digit, at most 255 (got \"" + printable(v) + "\")");
    }

    /** A Linux network interface name (at most 15 characters): {@code eth1}, {@code ens4}, {@code vrrp0.1}. */
    public static Optional<String> networkInterface(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        return INTERFACE.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a network interface name of at most 15 letters, digits, '_', '.' or '-' (got \""
                + printable(v) + "\")");
    }

    /** The API's base URL written into a balancer's script: scheme, host and port only. */
    public static Optional<String> apiBaseUrl(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        return API_URL.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be http(s)://host[:port] with no path (got \"" + printable(v) + "\")");
    }

    public static boolean isIp(String v) {
        if (v == null) {
            return false;
        }
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        return v.contains(":") && IPV6_CHARS.matcher(v).matches() && isIpv6(v);
    }

    /**
     * An address range for a firewall rule: an IP literal ({@code 203.0.113.7}, {@code 2001:db8::1})
     * or one with a prefix length ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Host names are
     * refused: a firewall must not depend on a lookup.
     */
    public static Optional<String> cidr(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> odd = dangerous(v).or(() -> notAscii(v)).or(() -> tooLong(v, 50));
        if (odd.isPresent()) {
            return odd;
        }
        int slash = v.indexOf('/');
        String ip = slash < 0 ? v : v.substring(0, slash);
        if (!isIp(ip)) {
            return Optional.of("must be an IP address or range such as 203.0.113.7 or 10.0.0.0/8 (got \"" + printable(v) + "\")");
        }
        if (slash >= 0) {
            String len = v.substring(slash + 1);
            int max = ip.contains(":") ? 128 : 32;
            if (!len.matches("\\d{1,3}") || Integer.parseInt(len) > max) {
                return Optional.of("has a prefix length that is not 0.." + max + " (got \"" + printable(v) + "\")");
            }
        }
        return Optional.empty();
    }

    /** A strict IPv6 literal check that never falls back to a name lookup, as InetAddress would. */
    private static boolean isIpv6(String v) {
        int doubleColon = v.indexOf("::");
        if (doubleColon >= 0 && v.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] halves = doubleColon >= 0 ? new String[]{v.substring(0, doubleColon), v.substring(doubleColon + 2)} : new String[]{v};
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && parts[i].contains(".")) {
                    if (!IPV4.matcher(parts[i]).matches()) {
                        return false;
                    }
                    groups += 2;
                } else if (parts[i].matches("[0-9A-Fa-f]{1,4}")) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }

    /** A DNS host name (RFC 1123), up to 253 characters. */
    public static Optional<String> hostname(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        Optional<String> odd = notAscii(v).or(() -> tooLong(v, 253));
        if (odd.isPresent()) {
            return odd;
        }
        String host = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        if (host.length() > 253 || host.isEmpty()) {
            return Optional.of("is not a valid host name (got \"" + printable(v) + "\")");
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("is not a valid host name: each part must be letters, digits or '-' (got \"" + printable(v) + "\")");
            }
        }
        if (host.matches("[0-9.]+")) {
            return Optional.of("looks like an IP address but is not a valid one (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    /**
     * A name a certificate covers: a host name, or a wildcard {@code *.host.name} (one level, as
     * ACME CAs issue them). At least two labels, since no CA issues for a bare top-level name.
     */
    public static Optional<String> certificateName(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        String host = v.startsWith("*.") ? v.substring(2) : v;
        if (host.contains("*")) {
            return Optional.of("may hold '*' only as its whole first part, as in *.example.com (got \"" + printable(v) + "\")");
        }
        Optional<String> h = hostname(host);
        if (h.isPresent()) {
            return h;
        }
        if (!host.contains(".") || host.endsWith(".")) {
            return Optional.of("must be a full DNS name such as www.example.com (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    /**
     * An ACME directory: {@code letsencrypt}, {@code letsencrypt-staging}, or an https URL of
     * letters, digits and {@code -._~:/?=&%}, which also goes into the balancer's renewal script.
     */
    public static Optional<String> acmeDirectory(String v) {
        if (v == null || v.isEmpty() || v.equals("letsencrypt") || v.equals("letsencrypt-staging")) {
            return Optional.empty();
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        if (!ACME_URL.matcher(v).matches()) {
            return Optional.of("must be letsencrypt, letsencrypt-staging or an https:// directory URL (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
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
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> odd = notAscii(v).or(() -> tooLong(v, 32));
        if (odd.isPresent()) {
            return odd;
        }
        return UNIX_USER.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a unix user name: lower-case letters, digits, '_' or '-' (got \"" + printable(v) + "\")");
    }

    /** An SSH key reference: {@code agent}, or a path to an OpenSSH private key file. */
    public static Optional<String> keyReference(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> odd = notAscii(v);
        if (odd.isPresent()) {
            return odd;
        }
        return KEY_REF.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be 'agent' or a key file path without spaces or shell characters (got \"" + printable(v) + "\")");
    }

    /** An absolute file path on a server (certificates, keys): no spaces, quotes or shell characters. */
    public static Optional<String> filePath(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        Optional<String> odd = notAscii(v);
        if (odd.isPresent()) {
            return odd;
        }
        if (!FILE_PATH.matcher(v).matches() || v.contains("/../") || v.endsWith("/..")) {
            return Optional.of("must be an absolute path of letters, digits, '.', '_', '-', '+', '@' and '/' (got \"" + printable(v) + "\")");
        }
        return Optional.empty();
    }

    public static Optional<String> healthPath(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> dangerous = dangerous(v);
        if (dangerous.isPresent()) {
            return dangerous;
        }
        Optional<String> odd = notAscii(v);
        if (odd.isPresent()) {
            return odd;
        }
        return HEALTH_PATH.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a URL path starting with '/' (got \"" + printable(v) + "\")");
    }

    public static Optional<String> envKey(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        // Length first: a 129-character key of good characters is too long, not badly spelt.
        Optional<String> odd = tooLong(v, 128).or(() -> notAscii(v));
        if (odd.isPresent()) {
            return odd;
        }
        return ENV_KEY.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits and '_', not starting with a digit (got \"" + printable(v) + "\")");
    }

    /**
     * An environment value may hold any text (METEOR_SETTINGS is JSON, with quotes and braces):
     * it is quoted where it is written, never pasted into a shell line. Only NUL, which no
     * environment can carry, and other control characters but tab and newline are refused.
     */
    public static Optional<String> envValue(String v) {
        if (v == null) {
            return Optional.of("is required (use an empty value instead)");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0) {
                return Optional.of("contains a NUL character, which no environment can carry");
            }
            if (c < 0x20 && c != '\t' && c != '\n') {
                return Optional.of("contains the control character U+" + String.format("%04X", (int) c));
            }
        }
        return Optional.empty();
    }

    public static Optional<String> releaseId(String v) {
        if (v == null || v.isEmpty()) {
            return Optional.of("is required");
        }
        Optional<String> odd = notAscii(v).or(() -> tooLong(v, 64));
        if (odd.isPresent()) {
            return odd;
        }
        return RELEASE_ID.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '.', '_' or '-' (got \"" + printable(v) + "\")");
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
        if (v == null || v.isBlank()) {
            return Optional.of("is required");
        }
        if (v.length() > 2048) {
            return Optional.of("is longer than 2048 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                return Optional.of("contains a space or control character at position " + i);
            }
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(v);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a valid URL (" + e.getReason() + " at position " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must start with https:// (or http://), not \"" + printable(scheme) + ":\"");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password before the host");
        }
        return Optional.empty();
    }

    /** The longest directive text kept from an adopted configuration. */
    public static final int KEPT_MAX = 16 * 1024;

    /**
     * A directive kept verbatim from an adopted balancer configuration (see {@link KeptDirective}).
     * It is configuration text by nature — quotes, '$' and braces are its syntax — so it is not
     * held to {@link #dangerous}; instead it must be exactly ONE complete directive that cannot
     * reach outside the context it is written into: for nginx, braces balanced outside quotes and
     * comments, never closing a block it did not open, ending in ';' or '}' with nothing after;
     * for HAProxy, one line. Control characters other than tab (and, for nginx, line breaks) are refused.
     */
    public static Optional<String> keptDirective(String v, BalancerKind kind) {
        if (v == null || v.isBlank()) {
            return Optional.of("is required");
        }
        if (v.length() > KEPT_MAX) {
            return Optional.of("is longer than " + KEPT_MAX + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r';
            if ((c < 0x20 && c != '\t' && !lineBreak) || c == 0x7f) {
                return Optional.of("contains the control character U+" + String.format("%04X", (int) c));
            }
            if (lineBreak && kind == BalancerKind.HAPROXY) {
                return Optional.of("must be one line (an HAProxy directive)");
            }
        }
        return kind == BalancerKind.NGINX ? oneNginxDirective(v.strip()) : Optional.empty();
    }

    private static Optional<String> oneNginxDirective(String v) {
        int depth = 0;
        char quote = 0;
        int end = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (end >= 0 && !Character.isWhitespace(c) && c != '#') {
                return Optional.of("holds more than one directive (\"" + printable(v.substring(end)) + "\" follows the first)");
            }
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\\' -> i++;
                case '"', '\'' -> quote = c;
                case '#' -> {
                    int nl = v.indexOf('\n', i);
                    i = nl < 0 ? v.length() : nl;
                }
                case '{' -> depth++;
                case '}' -> {
                    if (--depth < 0) {
                        return Optional.of("closes a block it did not open");
                    }
                    if (depth == 0 && end < 0) {
                        end = i + 1;
                    }
                }
                case ';' -> {
                    if (depth == 0 && end < 0) {
                        end = i + 1;
                    }
                }
                default -> { }
            }
        }
        if (quote != 0) {
            return Optional.of("has an unclosed quote");
        }
        if (depth != 0) {
            return Optional.of("leaves a block open");
        }
        if (end < 0) {
            return Optional.of("must end with ';' or a block");
        }
        return Optional.empty();
    }

    /**
     * Names the characters that could break out of an nginx directive or a shell line, so the
     * message says why rather than only that the value does not match.
     */
    static Optional<String> dangerous(String v) {
        if (v.contains("$(")) {
            return Optional.of("contains '$(' (command substitution), which is not allowed here");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            String why = switch (c) {
                case ';' -> "';' (ends a directive or a command)";
                case '{', '}' -> "'" + c + "' (opens or closes an nginx block)";
                case '\'', '"' -> "a quote";
                case '`' -> "a backtick (command substitution)";
                case '\n', '\r' -> "a line break";
                case '\0' -> "a NUL character";
                case '$' -> "'$' (variable expansion)";
                case '|', '&', '<', '>' -> "'" + c + "' (a shell operator)";
                case '\\' -> "a backslash";
                case ' ', '\t' -> "white space";
                default -> null;
            };
            if (why != null) {
                return Optional.of("contains " + why + ", which is not allowed here");
            }
        }
        return Optional.empty();
    }

    /**
     * A refused value as a message shows it: control characters escaped and every character
     * outside printable ASCII as its code point, so a look-alike cannot pass for the real letter.
     */
    static String printable(String v) {
        return SafeText.quote(v);
    }

    /**
     * Where only ASCII is allowed, names the first character that is not: {@code "аpp-1"} with a
     * Cyrillic а looks right and is refused with "U+0430 CYRILLIC SMALL LETTER A at position 1".
     */
    static Optional<String> notAscii(String v) {
        return SafeText.firstNonAscii(v).map(c -> "contains " + c + ", which is not plain ASCII (it may look like a letter that is)"
                + " (got \"" + printable(v) + "\")");
    }

    private static Optional<String> tooLong(String v, int max) {
        return v.length() > max ? Optional.of("is " + v.length() + " characters long; at most " + max + " are allowed here")
                : Optional.empty();
    }
}
