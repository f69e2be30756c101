package dev.orrery.adopt.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Flattens an nginx configuration (includes spliced) into {@link ConfEntry}s for a directive-by-
 * directive comparison. Server blocks are named by their ports (and names, where two share
 * ports), so the same site pairs up across two files whatever its order; blocks Orrery does not
 * look into ({@code map}, {@code types}, {@code if} …) are one entry each.
 */
public final class NginxFlat {
    /** Blocks that are contexts: their directives are compared one by one. */
    private static final Set<String> CONTEXTS = Set.of("events", "http", "upstream", "server", "location", "stream");
    /** Directives that may appear several times in one context: paired by their first argument. */
    private static final Set<String> MULTI = Set.of("proxy_set_header", "add_header", "server", "listen", "server_name", "allow",
            "deny", "error_page", "set", "load_module", "env", "access_log", "log_format", "limit_req_zone", "limit_conn_zone",
            "proxy_cache_path", "rewrite", "if", "map", "geo", "split_clients", "ssl_certificate", "ssl_certificate_key",
            "fastcgi_param", "uwsgi_param", "scgi_param", "proxy_hide_header", "proxy_pass_header", "sub_filter",
            "set_real_ip_from", "include", "limit_req", "limit_conn", "return", "types", "upstream");
    private static final Pattern TIME = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private NginxFlat() {
    }

    public static List<ConfEntry> flatten(NginxConf conf) {
        List<ConfEntry> out = new ArrayList<>();
        walk(NginxConf.effective(conf.root()), "main", out);
        return out;
    }

    private static void walk(List<Directive> block, String context, List<ConfEntry> out) {
        List<Directive> servers = block.stream().filter(d -> d.name().equals("server") && d.isBlock()).toList();
        for (Directive d : block) {
            if (d.isBlock() && CONTEXTS.contains(d.name())) {
                walk(d.block(), contextName(d, context, servers), out);
            } else {
                out.add(entry(d, context));
            }
        }
    }

    private static String contextName(Directive d, String parent, List<Directive> siblings) {
        String self = switch (d.name()) {
            case "server" -> "server :" + String.join(",", ports(d)) + (ambiguous(d, siblings) ? " " + String.join(" ", names(d)) : "");
            case "location" -> "location " + String.join(" ", d.args());
            case "upstream" -> "upstream " + d.arg(0);
            default -> d.head();
        };
        if (parent.equals("main")) {
            return self;
        }
        return parent.equals("http") || parent.equals("stream") ? self : parent + " › " + self;
    }

    private static boolean ambiguous(Directive server, List<Directive> siblings) {
        Set<String> mine = ports(server);
        return siblings.stream().filter(s -> s != server).anyMatch(s -> ports(s).equals(mine));
    }

    private static Set<String> ports(Directive server) {
        Set<String> out = new TreeSet<>();
        for (Directive l : server.children("listen")) {
            out.add(listenAddress(l.arg(0) == null ? "80" : l.arg(0)));
        }
        if (out.isEmpty()) {
            out.add("80");
        }
        return out;
    }

    private static List<String> names(Directive server) {
        List<String> n = new ArrayList<>();
        server.children("server_name").forEach(s -> n.addAll(s.args()));
        return n.stream().sorted().toList();
    }

    /** {@code 0.0.0.0:80}, {@code *:80} and {@code 80} all listen on every IPv4 address. */
    static String listenAddress(String a) {
        if (a.startsWith("*:") || a.startsWith("0.0.0.0:")) {
            return a.substring(a.indexOf(':') + 1);
        }
        return a;
    }

    private static ConfEntry entry(Directive d, String context) {
        String name = d.name();
        List<String> args = new ArrayList<>(d.args());
        if (name.equals("listen") && !args.isEmpty()) {
            args.set(0, listenAddress(args.get(0)));
        }
        if (name.equals("server") && context.startsWith("upstream")) {
            args = upstreamServer(args);
        }
        String value;
        if (d.isBlock()) {
            value = canonical(d.block());
        } else {
            value = args.stream().map(a -> normal(name, a)).collect(Collectors.joining(" "));
        }
        if (name.equals("return") && context.endsWith("location = /orrery-balancer")) {
            value = "200 orrery-fingerprint"; // a hash of the file: changes with its comments too, so it is no change of its own
        }
        String key = MULTI.contains(name) && !args.isEmpty() ? name + " " + keyArg(name, args) : name;
        if (d.isBlock()) {
            key = name + (d.args().isEmpty() ? "" : " " + String.join(" ", d.args()));
        }
        return new ConfEntry(context, key, value, d.summary(), d.where());
    }

    private static String keyArg(String name, List<String> args) {
        String a = args.get(0);
        return switch (name) {
            case "proxy_set_header", "add_header", "proxy_hide_header", "proxy_pass_header" -> a.toLowerCase(Locale.ROOT);
            case "listen" -> a;
            default -> a;
        };
    }

    /** nginx's defaults for an upstream server, written or not: {@code max_fails=1 fail_timeout=10s weight=1}. */
    private static List<String> upstreamServer(List<String> args) {
        List<String> out = new ArrayList<>();
        out.add(args.get(0).contains(":") || args.get(0).startsWith("unix:") ? args.get(0) : args.get(0) + ":80");
        args.subList(1, args.size()).stream()
                .filter(p -> !p.equals("max_fails=1") && !p.equals("weight=1") && !p.equals("fail_timeout=10s") && !p.equals("fail_timeout=10"))
                .sorted().forEach(out::add);
        return out;
    }

    /** Times in milliseconds for the timeout directives; sizes in lower case. */
    static String normal(String name, String arg) {
        if (name.endsWith("_timeout") || name.equals("keepalive_timeout") || name.equals("fail_timeout")) {
            Matcher m = TIME.matcher(arg);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                long ms = switch (unit) {
                    case "ms" -> n;
                    case "m" -> n * 60_000;
                    case "h" -> n * 3_600_000;
                    case "d" -> n * 86_400_000;
                    default -> n * 1000;
                };
                return ms + "ms";
            }
        }
        if (arg.matches("\\d+[KMGkmg]")) {
            return arg.toLowerCase(Locale.ROOT);
        }
        return arg;
    }

    /** A block's content in one normal text: what two opaque blocks are compared by. */
    static String canonical(List<Directive> block) {
        StringBuilder b = new StringBuilder("{");
        for (Directive d : block) {
            b.append(' ').append(d.head());
            if (d.isBlock()) {
                b.append(' ').append(canonical(d.block()));
            } else {
                b.append(';');
            }
        }
        return b.append(" }").toString();
    }

    /** nginx's own value for a directive key, or null. */
    public static String defaultOf(String key) {
        return DEFAULTS.get(key);
    }

    /**
     * nginx's own values for directives a file may leave out: an entry on one side only whose
     * value is the default is no change at all.
     */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("proxy_http_version", "1.0"),
            Map.entry("proxy_connect_timeout", "60000ms"),
            Map.entry("proxy_read_timeout", "60000ms"),
            Map.entry("proxy_send_timeout", "60000ms"),
            Map.entry("proxy_next_upstream", "error timeout"),
            Map.entry("proxy_redirect", "default"),
            Map.entry("server_tokens", "on"),
            Map.entry("sendfile", "off"),
            Map.entry("tcp_nopush", "off"),
            Map.entry("tcp_nodelay", "on"),
            Map.entry("keepalive_timeout", "75000ms"),
            Map.entry("worker_processes", "1"),
            Map.entry("multi_accept", "off"),
            Map.entry("gzip", "off"),
            Map.entry("ssl_session_timeout", "300000ms"),
            Map.entry("ssl_prefer_server_ciphers", "off"),
            Map.entry("check_http_send", "GET / HTTP/1.0\r\n\r\n"),
            Map.entry("check_http_expect_alive", "http_2xx http_3xx"));
}
