package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.model.KeptDirective.Context;
import dev.orrery.model.Rules;
import dev.orrery.model.Stickiness;

import java.util.ArrayList;
import java.util.List;

/** The app's backend section of an {@code haproxy.cfg}: stickiness, the check, and the servers. */
final class HaproxyBackend {
    private final ClusterDraft draft;
    private final ImportLog log;

    HaproxyBackend(ClusterDraft draft, ImportLog log) {
        this.draft = draft;
        this.log = log;
    }

    void read(Directive s) {
        log.mapped(s, "the app's backend (its lines below)");
        boolean source = false, consistent = false, cookie = false;
        Integer inter = null, rise = null, fall = null, timeout = null;
        for (Directive d : s.block()) {
            String line = String.join(" ", d.args());
            switch (d.name()) {
                case "balance" -> {
                    switch (line) {
                        case "source" -> {
                            source = true;
                            log.mapped(d, "balancer.stickiness (with hash-type)");
                        }
                        case "roundrobin" -> log.mapped(d, "round robin (cookie stickiness or none)");
                        default -> log.refused(d, "Orrery balances by source address, cookie or round robin; " + line + " is none of them");
                    }
                }
                case "hash-type" -> {
                    consistent = line.startsWith("consistent");
                    log.mapped(d, consistent ? "balancer.stickiness = consistent_hash" : "map-based hashing: balancer.stickiness = ip_hash");
                }
                case "cookie" -> {
                    cookie = true;
                    log.mapped(d, "balancer.stickiness = cookie (Orrery names its cookie ORRERY_SRV)");
                }
                case "option" -> {
                    if (d.arg(0) != null && d.arg(0).equals("httpchk")) {
                        httpchk(d);
                    } else {
                        log.keep(d, Context.BACKEND);
                    }
                }
                case "timeout" -> {
                    if ("check".equals(d.arg(0))) {
                        timeout = millis(d.arg(1));
                        log.mapped(d, "balancer.healthCheck.timeoutMs = " + timeout);
                    } else {
                        log.keep(d, Context.BACKEND);
                    }
                }
                case "default-server" -> {
                    List<String> a = d.args();
                    for (int i = 0; i + 1 < a.size(); i++) {
                        switch (a.get(i)) {
                            case "inter" -> inter = millis(a.get(i + 1));
                            case "rise" -> rise = Integer.parseInt(a.get(i + 1));
                            case "fall" -> fall = Integer.parseInt(a.get(i + 1));
                            default -> { }
                        }
                    }
                    log.mapped(d, "balancer.healthCheck interval, rise and fall");
                }
                case "server" -> server(d);
                default -> log.keep(d, Context.BACKEND);
            }
        }
        // HAProxy's defaults when left out: inter 2000 rise 2 fall 3; the check timeout defaults to inter.
        draft.check(inter != null ? inter : 2000, rise != null ? rise : 2, fall != null ? fall : 3,
                timeout != null ? timeout : inter != null ? inter : 2000);
        draft.stickiness(cookie ? Stickiness.COOKIE : source ? (consistent ? Stickiness.CONSISTENT_HASH : Stickiness.IP_HASH) : Stickiness.NONE);
    }

    private void httpchk(Directive d) {
        List<String> a = d.args();
        String path = a.size() >= 3 ? a.get(2) : a.size() == 2 ? a.get(1) : "/";
        if (Rules.healthPath(path).isPresent()) {
            log.refused(d, "the check path " + Rules.healthPath(path).get());
        } else {
            draft.checkPath(path);
            log.mapped(d, "balancer.healthCheck.path = " + path);
        }
    }

    private void server(Directive d) {
        String name = d.arg(0);
        String target = d.arg(1);
        if (target == null || !target.contains(":")) {
            log.refused(d, "a server without address:port");
            return;
        }
        int colon = target.lastIndexOf(':');
        String address = target.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            log.refused(d, "not a port: " + target.substring(colon + 1));
            return;
        }
        if (Rules.address(address).isPresent()) {
            log.refused(d, "the address " + Rules.address(address).get());
            return;
        }
        List<String> params = d.args().subList(2, d.args().size());
        if (params.contains("backup")) {
            log.refused(d, "a backup server only gets requests when every other is down; Orrery has no such role");
            return;
        }
        int w = params.indexOf("weight");
        if (w >= 0 && w + 1 < params.size() && !params.get(w + 1).equals("1")) {
            log.refused(d, "Orrery gives every app server the same weight; weight " + params.get(w + 1) + " is not imported");
            return;
        }
        if (draft.appPort().isPresent() && draft.appPort().get() != port) {
            log.refused(d, "every app server must listen on one port (" + draft.appPort().get() + "), not " + port);
            return;
        }
        boolean disabled = params.contains("disabled");
        List<String> notModelled = new ArrayList<>(params);
        notModelled.removeAll(List.of("check", "disabled"));
        String n = draft.appServer(address, port, disabled, name);
        log.mapped(d, "app server " + n + " (" + address + "), app.port = " + port + (disabled ? ", drained (disabled)" : "")
                + (notModelled.isEmpty() ? "" : "; not written: " + String.join(" ", notModelled)));
    }

    /** HAProxy times in milliseconds, capped to an int; null when it is not a time. */
    static Integer millis(String v) {
        Long ms = dev.orrery.adopt.conf.HaproxyTime.millis(v);
        return ms == null ? null : (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
