package dev.orrery.model;

import static dev.orrery.model.CharacterChecks.notAscii;
import static dev.orrery.model.CharacterChecks.printable;
import static dev.orrery.model.CharacterChecks.requiredSafe;
import static dev.orrery.model.CharacterChecks.tooLong;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address checks of {@link Rules}: IP literals, ranges, host names, certificate names and
 * network interfaces. Package-private: callers go through {@link Rules}, which documents each.
 */
final class AddressRules {

    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");

    private AddressRules() {
    }

    static Optional<String> address(String v) {
        Optional<String> unsafe = requiredSafe(v).or(() -> notAscii(v));
        if (unsafe.isPresent()) {
            return unsafe;
        }
        if (isIp(v) || hostname(v).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("is neither an IP address nor a host name (got \"" + printable(v) + "\")");
    }

    static Optional<String> ipv4(String v) {
        Optional<String> unsafe = requiredSafe(v);
        if (unsafe.isPresent()) {
            return unsafe;
        }
        return IPV4.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be an IPv4 address such as 10.0.1.5 (got \"" + printable(v) + "\")");
    }

    static Optional<String> networkInterface(String v) {
        Optional<String> unsafe = requiredSafe(v);
        if (unsafe.isPresent()) {
            return unsafe;
        }
        return INTERFACE.matcher(v).matches() ? Optional.empty()
                : Optional.of("must be a network interface name of at most 15 letters, digits, '_', '.' or '-' (got \""
                + printable(v) + "\")");
    }

    static boolean isIp(String v) {
        if (v == null) {
            return false;
        }
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        return v.contains(":") && IPV6_CHARS.matcher(v).matches() && isIpv6(v);
    }

    static Optional<String> cidr(String v) {
        Optional<String> unsafe = requiredSafe(v).or(() -> notAscii(v)).or(() -> tooLong(v, 50));
        if (unsafe.isPresent()) {
            return unsafe;
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

    static Optional<String> hostname(String v) {
        Optional<String> unsafe = requiredSafe(v).or(() -> notAscii(v)).or(() -> tooLong(v, 253));
        if (unsafe.isPresent()) {
            return unsafe;
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

    static Optional<String> certificateName(String v) {
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
}
