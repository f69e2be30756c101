package dev.orrery.adopt;

import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.model.BalancerKind;
import dev.orrery.proxy.BalancerFeatures;

import java.util.List;

/**
 * What a balancer host runs, as read over SSH: nginx's configuration (all its files) or the
 * haproxy.cfg, the nginx modules it has, and how it was read ({@code nginx -T}, or the files as
 * written when nginx would not load them — the message says why).
 *
 * @param mainText the main file's exact content (to tell whether Orrery's file was edited by hand)
 */
public record LiveBalancer(BalancerKind kind, String mainFile, String mainText, NginxConf nginx, HaproxyConf haproxy,
                           BalancerFeatures features, String source, List<String> warnings) {

    public LiveBalancer {
        warnings = List.copyOf(warnings);
    }

    /**
     * A configuration saved on this computer instead of read over SSH: {@code nginx -T} output, an
     * nginx.conf on its own (its includes are not followed), or an haproxy.cfg.
     *
     * @param checkModule whether the balancer's nginx has nginx_upstream_check_module (its nginx -V says)
     */
    public static LiveBalancer fromFile(java.nio.file.Path file, boolean checkModule) throws ImportException {
        String text;
        try {
            text = java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.toString();
        try {
            if (text.contains(NginxConf.FILE_MARK)) {
                NginxConf c = NginxConf.fromDump(text);
                return new LiveBalancer(BalancerKind.NGINX, c.mainFile(), c.files().get(c.mainFile()), c, null,
                        new BalancerFeatures(checkModule, false), name + " (saved nginx -T output)", List.of());
            }
            if (text.lines().anyMatch(l -> l.matches("^(frontend|backend|listen|defaults)\\b.*"))) {
                return new LiveBalancer(BalancerKind.HAPROXY, name, text, null, HaproxyConf.parse(name, text), BalancerFeatures.STOCK,
                        name + " (a saved haproxy.cfg)", List.of());
            }
            NginxConf c = NginxConf.of(name, text, java.util.Map.of());
            return new LiveBalancer(BalancerKind.NGINX, name, text, c, null, new BalancerFeatures(checkModule, false),
                    name + " (a saved nginx.conf; its includes were not read: nginx -T output has them all)", List.of());
        } catch (dev.orrery.adopt.conf.ConfSyntaxException e) {
            throw new ImportException(e.getMessage(), e);
        }
    }
}
