package dev.orrery.adopt.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flattens an {@code haproxy.cfg} into {@link ConfEntry}s: one context per section (frontends
 * named by the ports they bind, so a renamed frontend still pairs up), one entry per line, keyed
 * so that repeated keywords ({@code server}, {@code bind}, {@code timeout}, {@code option} …) pair
 * with their own counterpart.
 */
public final class HaproxyFlat {
    /** Keywords whose second word tells one line from another. */
    private static final Set<String> BY_SECOND = Set.of("server", "bind", "timeout", "option", "stats", "acl", "errorfile",
            "no", "http-check", "log");
    /** Keywords that repeat freely: each whole line is its own entry. */
    private static final Set<String> WHOLE = Set.of("http-request", "http-response", "tcp-request", "tcp-response", "use_backend",
            "redirect", "http-after-response", "capture", "rspadd", "reqadd");

    private HaproxyFlat() {
    }

    public static List<ConfEntry> flatten(HaproxyConf conf) {
        List<ConfEntry> out = new ArrayList<>();
        for (Directive s : conf.sections()) {
            String ctx = context(s);
            for (Directive d : s.block()) {
                List<String> args = new ArrayList<>(d.args());
                if (d.name().equals("bind") && !args.isEmpty()) {
                    args.set(0, anyAddress(args.get(0)));
                }
                if (d.name().equals("timeout") && args.size() == 2) {
                    args.set(1, millis(args.get(1)));
                }
                String value = String.join(" ", args);
                if (d.name().equals("http-request") && value.startsWith("return ") && value.contains("/orrery-balancer")) {
                    value = "return orrery-fingerprint"; // a hash of the file, comments included: no change of its own
                }
                String key;
                if (WHOLE.contains(d.name())) {
                    key = d.name() + " " + value;
                } else if (BY_SECOND.contains(d.name()) && !d.args().isEmpty()) {
                    key = d.name() + " " + args.get(0);
                } else {
                    key = d.name();
                }
                out.add(new ConfEntry(ctx, key, value, d.original(), d.where()));
            }
        }
        return out;
    }

    /** {@code *:80}, {@code 0.0.0.0:80} and {@code :80} all bind every IPv4 address. */
    static String anyAddress(String a) {
        return a.startsWith("*:") || a.startsWith("0.0.0.0:") ? a.substring(a.indexOf(':')) : a;
    }

    /** A time in HAProxy's units as milliseconds (a bare number is milliseconds). */
    static String millis(String v) {
        Long ms = HaproxyTime.millis(v);
        return ms == null ? v : ms + "ms";
    }

    private static String context(Directive section) {
        if (section.name().equals("frontend")) {
            Set<String> ports = new TreeSet<>();
            for (Directive b : section.children("bind")) {
                ports.add(anyAddress(b.arg(0) == null ? "" : b.arg(0)));
            }
            return section.name() + " " + String.join(",", ports);
        }
        return section.args().isEmpty() ? section.name() : section.name() + " " + section.arg(0);
    }

    /** HAProxy's own values for keywords a file may leave out. */
    static final Map<String, String> DEFAULTS = Map.of(
            "retries", "3",
            "balance", "roundrobin",
            "mode", "tcp");

    public static String defaultOf(String key) {
        return DEFAULTS.get(key);
    }
}
