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
}
