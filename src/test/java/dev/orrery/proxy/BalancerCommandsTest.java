package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands as the shell will see them. */
class BalancerCommandsTest {

    private static final BalancerLayout DROPLET_NGINX = BalancerLayout.droplet(BalancerKind.NGINX);
    private static final BalancerLayout SANDBOX_NGINX = BalancerLayout.under("/srv/sb", BalancerKind.NGINX);
    private static final BalancerLayout SANDBOX_HAPROXY = BalancerLayout.under("/srv/sb", BalancerKind.HAPROXY);

    @Test
    void validationRunsTheBalancersOwnBinaryOnTheCandidate() {
        assertThat(BalancerCommands.validate(BalancerKind.NGINX, DROPLET_NGINX, DROPLET_NGINX.candidatePath()).line())
                .isEqualTo("nginx -t -c /etc/nginx/nginx.conf.orrery-new");
        assertThat(BalancerCommands.validate(BalancerKind.NGINX, SANDBOX_NGINX, "/srv/sb/x.conf").line())
                .isEqualTo("nginx -p /srv/sb -t -c /srv/sb/x.conf");
        assertThat(BalancerCommands.validate(BalancerKind.HAPROXY, SANDBOX_HAPROXY, "/srv/sb/h.cfg").line())
                .isEqualTo("haproxy -c -f /srv/sb/h.cfg");
    }

    @Test
    void reloadUsesSystemdOnADropletAndSignalsOtherwise() {
        assertThat(BalancerCommands.reload(BalancerKind.NGINX, DROPLET_NGINX, true).line()).isEqualTo("systemctl reload-or-restart nginx");
        assertThat(BalancerCommands.reload(BalancerKind.HAPROXY, BalancerLayout.droplet(BalancerKind.HAPROXY), true).line())
                .isEqualTo("systemctl reload-or-restart haproxy");
        assertThat(BalancerCommands.reload(BalancerKind.NGINX, SANDBOX_NGINX, true).line()).isEqualTo("nginx -p /srv/sb -c /srv/sb/nginx.conf -s reload");
        assertThat(BalancerCommands.reload(BalancerKind.NGINX, SANDBOX_NGINX, false).line()).isEqualTo("nginx -p /srv/sb -c /srv/sb/nginx.conf");
        assertThat(BalancerCommands.reload(BalancerKind.HAPROXY, SANDBOX_HAPROXY, true).line())
                .isEqualTo("sh -c 'exec haproxy -f \"$1\" -p \"$2\" -D -sf \"$(cat \"$2\")\"' sh /srv/sb/haproxy.cfg /srv/sb/haproxy.pid");
        assertThat(BalancerCommands.reload(BalancerKind.HAPROXY, SANDBOX_HAPROXY, false).line())
                .isEqualTo("haproxy -f /srv/sb/haproxy.cfg -p /srv/sb/haproxy.pid -D");
    }

    @Test
    void filesMoveByRenameAndThePreviousIsCopied() {
        assertThat(BalancerCommands.keep("/etc/nginx/nginx.conf", "/etc/nginx/nginx.conf.orrery-prev").line())
                .isEqualTo("cp -p /etc/nginx/nginx.conf /etc/nginx/nginx.conf.orrery-prev");
        assertThat(BalancerCommands.moveIntoPlace("/a.new", "/a").line()).isEqualTo("mv -f /a.new /a");
        assertThat(BalancerCommands.keepPrevious(SANDBOX_NGINX).line())
                .isEqualTo("sh -c 'if test -e \"$1\"; then cp -p \"$1\" \"$2\" || exit 1; echo orrery:previous-kept; "
                        + "if test -n \"$4\" && grep -qF -- \"$4\" \"$1\"; then echo orrery:honours-close-flag; fi; fi; "
                        + "if test -s \"$3\" && kill -0 \"$(cat \"$3\")\" 2>/dev/null; then echo orrery:running; fi' "
                        + "sh /srv/sb/nginx.conf /srv/sb/nginx.conf.orrery-prev /srv/sb/nginx.pid /srv/sb/closing");
        assertThat(BalancerCommands.raiseCloseFlag("/run/orrery/nginx-closing").line())
                .isEqualTo("sh -c 'umask 022 && mkdir -p \"${1%/*}\" && : > \"$1\"' sh /run/orrery/nginx-closing");
        assertThat(BalancerCommands.clientConnections(java.util.List.of(80, 443)).line())
                .endsWith("sh '( sport = :80 or sport = :443 )'");
        assertThat(BalancerCommands.isRunning(SANDBOX_NGINX).line())
                .isEqualTo("sh -c 'test -s \"$1\" && kill -0 \"$(cat \"$1\")\" 2>/dev/null' sh /srv/sb/nginx.pid");
    }

    @Test
    void theTlsBundleIsWrittenPrivateThenRenamed() {
        assertThat(BalancerCommands.tlsBundle("/etc/ssl/c.pem", "/etc/ssl/k.pem", "/etc/haproxy/orrery-tls.pem").line())
                .isEqualTo("sh -c 'umask 077 && cat \"$1\" \"$2\" > \"$3\" && mv -f \"$3\" \"$4\"' sh /etc/ssl/c.pem /etc/ssl/k.pem "
                        + "/etc/haproxy/orrery-tls.pem.orrery-new /etc/haproxy/orrery-tls.pem");
    }

    @Test
    void theRuntimeApiLineTravelsAsOneQuotedArgument() {
        assertThat(BalancerCommands.runtimeApi("/run/haproxy/admin.sock", "set server crater/app-1 state drain", true).line())
                .isEqualTo("sh -c 'printf '\\''%s\\n'\\'' \"$2\" | socat -t 5 stdio \"UNIX-CONNECT:$1\"' sh /run/haproxy/admin.sock "
                        + "'set server crater/app-1 state drain'");
        assertThat(BalancerCommands.runtimeApi("/run/haproxy/admin.sock", "show stat", false).line())
                .startsWith("perl -e 'use IO::Socket::UNIX;").endsWith(" /run/haproxy/admin.sock 'show stat'");
    }

    @Test
    void theLocalCheckAsksTheListenAddress() {
        assertThat(BalancerCommands.localGet(DROPLET_NGINX, 80, ProxyConfig.STATUS_PATH).line())
                .isEqualTo("curl -sS --max-time 5 http://127.0.0.1:80/orrery-balancer");
        assertThat(BalancerCommands.localGet(SANDBOX_NGINX.listeningOn("127.0.0.7"), 8080, "/check-status?format=json").line())
                .isEqualTo("curl -sS --max-time 5 'http://127.0.0.7:8080/check-status?format=json'");
    }
}
