package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.model.KeptDirective.Context;
import dev.orrery.model.Rules;
import dev.orrery.model.Stickiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The app's upstream block: its servers (address, port, {@code down}, weights, {@code backup}),
 * the balancing method, and nginx_upstream_check_module's {@code check} lines.
 */
final class NginxUpstream {
    private final ClusterDraft draft;
    private final ImportLog log;
    private final boolean checkModule;

    NginxUpstream(ClusterDraft draft, ImportLog log, boolean checkModule) {
        this.draft = draft;
        this.log = log;
        this.checkModule = checkModule;
    }

    void read(Directive upstream) {
        log.mapped(upstream, "the app's upstream (its directives below)");
        for (Directive d : NginxConf.effective(upstream.block())) {
            switch (d.name()) {
                case "server" -> server(d);
                case "ip_hash" -> stickiness(d, Stickiness.IP_HASH, "balancer.stickiness = ip_hash");
                case "hash" -> {
                    if (d.args().equals(List.of("$remote_addr", "consistent"))) {
                        stickiness(d, Stickiness.CONSISTENT_HASH, "balancer.stickiness = consistent_hash");
                    } else {
                        log.refused(d, "Orrery's stickiness is ip_hash, a consistent hash of the client address, a cookie or none; "
                                + "a hash of " + String.join(" ", d.args()) + " is none of them");
                    }
                }
                case "sticky" -> stickiness(d, Stickiness.COOKIE, "balancer.stickiness = cookie (a push uses the sticky module where "
                        + "nginx -V shows it, else a consistent hash of the client address)");
                case "least_conn", "random", "least_time", "ntlm" -> log.refused(d, "Orrery's stickiness is ip_hash, a consistent hash, a "
                        + "cookie or none (round robin); " + d.name() + " is none of them, and Meteor's DDP needs a client to stay on one server");
                case "zone" -> log.replaced(d, "Orrery writes 'zone <cluster> 64k' so every worker shares the failure counts and down marks");
                case "check" -> check(d);
                case "check_http_send" -> checkSend(d);
                case "check_http_expect_alive" -> {
                    if (String.join(" ", d.args()).equals("http_2xx http_3xx")) {
                        log.mapped(d, "the check module's default (2xx and 3xx are alive), which Orrery's probes count the same way");
                    } else {
                        log.refused(d, "Orrery's checks count 2xx and 3xx answers as alive, like the module's default; "
                                + String.join(" ", d.args()) + " is not modelled");
                    }
                }
                default -> {
                    if (d.name().startsWith("check")) {
                        log.refused(d, "a check-module setting Orrery does not model; its checks are interval, rise, fall, timeout and path");
                    } else {
                        log.keep(d, Context.UPSTREAM);
                    }
                }
            }
        }
    }

    private void stickiness(Directive d, Stickiness s, String detail) {
        if (draft.hasStickiness()) {
            log.refused(d, "a second balancing method in one upstream");
            return;
        }
        draft.stickiness(s);
        log.mapped(d, detail);
    }

    private void server(Directive d) {
        String target = d.arg(0);
        if (target == null || target.startsWith("unix:")) {
            log.refused(d, "Orrery balances over app servers' addresses, not a unix socket");
            return;
        }
        String address = target;
        int port = 80;
        int colon = target.lastIndexOf(':');
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            address = target.substring(1, close);
            if (close + 1 < target.length()) {
                port = parsePort(target.substring(close + 2));
            }
        } else if (colon >= 0) {
            address = target.substring(0, colon);
            port = parsePort(target.substring(colon + 1));
        }
        if (Rules.address(address).isPresent() || port < 1) {
            log.refused(d, "not an address and port Orrery can write: " + Rules.address(address).orElse("bad port"));
            return;
        }
        boolean down = false;
        List<String> notModelled = new ArrayList<>();
        for (String p : d.args().subList(1, d.args().size())) {
            String key = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
            switch (key.toLowerCase(Locale.ROOT)) {
                case "down" -> down = true;
                case "max_fails", "fail_timeout" -> notModelled.add(p + " (Orrery writes max_fails=1 fail_timeout="
                        + dev.orrery.proxy.ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS + "s on a stock nginx)");
                case "weight" -> {
                    if (!p.equals("weight=1")) {
                        log.refused(d, "Orrery gives every app server the same weight; " + p + " is not imported");
                        return;
                    }
                }
                case "backup" -> {
                    log.refused(d, "a backup server only gets requests when every other is down; Orrery has no such role. "
                            + "Add it as an app server (it will get traffic) or leave it out");
                    return;
                }
                default -> notModelled.add(p);
            }
        }
        if (draft.appPort().isPresent() && draft.appPort().get() != port) {
            log.refused(d, "every app server must listen on one port (" + draft.appPort().get() + "), not " + port);
            return;
        }
        String name = draft.appServer(address, port, down, null);
        log.mapped(d, "app server " + name + " (" + address + "), app.port = " + port + (down ? ", drained (down)" : "")
                + (notModelled.isEmpty() ? "" : "; not written: " + String.join(", ", notModelled)));
    }

    private void check(Directive d) {
        Integer interval = null, rise = null, fall = null, timeout = null;
        String type = "tcp";
        List<String> ignored = new ArrayList<>();
        for (String p : d.args()) {
            int eq = p.indexOf('=');
            String k = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            switch (k) {
                case "interval" -> interval = number(v);
                case "rise" -> rise = number(v);
                case "fall" -> fall = number(v);
                case "timeout" -> timeout = number(v);
                case "type" -> type = v;
                default -> ignored.add(p);
            }
        }
        // The module's defaults when a parameter is left out: interval=30000 fall=5 rise=2 timeout=1000.
        draft.check(interval != null ? interval : 30000, rise != null ? rise : 2, fall != null ? fall : 5, timeout != null ? timeout : 1000);
        StringBuilder detail = new StringBuilder("balancer.healthCheck: interval ").append(interval != null ? interval : 30000)
                .append(" ms, rise ").append(rise != null ? rise : 2).append(", fall ").append(fall != null ? fall : 5)
                .append(", timeout ").append(timeout != null ? timeout : 1000).append(" ms");
        if (!type.equals("http")) {
            detail.append("; type=").append(type).append(" becomes an HTTP check (Orrery's checks are HTTP)");
        }
        if (!ignored.isEmpty()) {
            detail.append("; not modelled: ").append(String.join(" ", ignored));
        }
        detail.append(checkModule ? "; the check module is in this nginx, so a push writes the check line"
                : "; this nginx has no nginx_upstream_check_module (nginx -V): a push writes no check line, Orrery's own probes "
                + "check out of band with these settings and nginx falls back to passive checks");
        log.mapped(d, detail.toString());
    }

    private void checkSend(Directive d) {
        String send = d.arg(0) == null ? "" : d.arg(0);
        String[] parts = send.split("\\s+");
        if (parts.length >= 2 && parts[0].equals("GET") && Rules.healthPath(parts[1]).isEmpty()) {
            draft.checkPath(parts[1]);
            log.mapped(d, "balancer.healthCheck.path = " + parts[1]);
        } else {
            log.refused(d, "Orrery's check is a GET of a path; this request is not one");
        }
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Integer number(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
