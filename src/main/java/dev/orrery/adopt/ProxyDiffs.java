package dev.orrery.adopt;

import dev.orrery.adopt.conf.ConfDiff;
import dev.orrery.adopt.conf.ConfSyntaxException;
import dev.orrery.adopt.conf.HaproxyConf;
import dev.orrery.adopt.conf.HaproxyFlat;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.adopt.conf.NginxFlat;
import dev.orrery.proxy.ProxyConfig;

import java.util.function.Function;

/**
 * What a push would change on the live balancer: the live configuration against the one Orrery
 * renders, directive by directive. The rendered file's includes are read from the live files
 * (they are files on the balancer that stay there).
 */
public final class ProxyDiffs {
    private ProxyDiffs() {
    }

    public static ConfDiff nginx(NginxConf live, ProxyConfig rendered, String renderedPath) throws ConfSyntaxException {
        NginxConf next = NginxConf.of(renderedPath, rendered.text(), live.files());
        return ConfDiff.of(NginxFlat.flatten(live), NginxFlat.flatten(next), NginxFlat::defaultOf);
    }

    public static ConfDiff haproxy(HaproxyConf live, ProxyConfig rendered) throws ConfSyntaxException {
        HaproxyConf next = HaproxyConf.parse("rendered haproxy.cfg", rendered.text());
        return ConfDiff.of(HaproxyFlat.flatten(live), HaproxyFlat.flatten(next), HaproxyFlat::defaultOf);
    }

    /** Why some changes happen, where the directive alone does not say. */
    public static Function<ConfDiff.Change, String> notes(boolean checkModule) {
        return c -> {
            String k = c.key();
            if (c.kind() == ConfDiff.Kind.REMOVED && (k.startsWith("check") || k.startsWith("location /check-status")) && !checkModule) {
                return "this nginx has no nginx_upstream_check_module (nginx -V): Orrery's own probes check out of band instead";
            }
            if (c.kind() == ConfDiff.Kind.ADDED && c.context().contains("location = /orrery-balancer")) {
                return "Orrery's fingerprint, answered to the balancer itself: how a push knows the new file is live";
            }
            if (c.context().startsWith("upstream") && c.after() != null && c.after().contains("fail_timeout=")
                    && (c.before() == null || !c.before().contains("fail_timeout="))) {
                return "Orrery writes fail_timeout=" + dev.orrery.proxy.ProxyRenderer.PASSIVE_FAIL_TIMEOUT_SECONDS
                        + "s (nginx's default is 10s): a deploy waits it out between servers, and a down server is retried that often";
            }
            if (k.equals("listen 443") && c.before() != null && c.before().contains("spdy")) {
                return "nginx replaced SPDY with HTTP/2 in 1.9.5; a current nginx refuses 'spdy'";
            }
            return null;
        };
    }
}
