package dev.orrery.proxy;

import dev.orrery.model.BalancerKind;
import dev.orrery.model.Problem;
import dev.orrery.model.Rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a balancer's files live on its host. A droplet uses the distribution's paths
 * ({@code /etc/nginx}, {@code /run}, {@code /var/log}); the sandbox and the tests run the same
 * binary from a prefix of their own so it needs no root paths and can share a machine.
 *
 * @param prefix      nginx's {@code -p} prefix, or null for the binary's compiled-in one
 * @param configPath  the live configuration file Orrery owns
 * @param pidFile     the master's pid file
 * @param errorLog    nginx's error log (unused by HAProxy)
 * @param accessLog   nginx's access log, or null for none
 * @param tempDir     nginx's temp files (request bodies, proxied responses)
 * @param statsSocket HAProxy's admin socket for drain/ready and {@code show stat}
 * @param tlsBundle   HAProxy's combined certificate + key file (it wants one PEM)
 * @param user        the unix user workers run as when started by root, or null to leave it
 * @param systemdUnit the unit that runs the balancer on a droplet, or null when Orrery starts it
 * @param listenAddress the address to listen on, or null for every address (a droplet); the
 *                    sandbox and local tests listen on loopback only
 * @param closeFlag   nginx only: while this file exists every answer says {@code Connection: close},
 *                    so a push can empty nginx of idle keep-alive connections before it reloads
 *                    (see {@link ProxyPush}); null for none
 * @param acmeRoot    Orrery's ACME folder on the balancer: nginx serves HTTP-01 tokens from its
 *                    {@code challenge} folder, HAProxy answers them from its {@code tokens.map}
 */
public record BalancerLayout(String prefix, String configPath, String pidFile, String errorLog, String accessLog,
                             String tempDir, String statsSocket, String tlsBundle, String user, String systemdUnit,
                             String listenAddress, String closeFlag, String acmeRoot) {

    /** The Debian/Ubuntu package's own paths, run by systemd. */
    public static BalancerLayout droplet(BalancerKind kind) {
        return switch (kind) {
            case NGINX -> new BalancerLayout(null, "/etc/nginx/nginx.conf", "/run/nginx.pid",
                    "/var/log/nginx/error.log", "/var/log/nginx/access.log", "/var/lib/nginx",
                    null, null, "www-data", "nginx", null, "/run/orrery/nginx-closing", DROPLET_ACME_ROOT);
            case HAPROXY -> new BalancerLayout(null, "/etc/haproxy/haproxy.cfg", "/run/haproxy.pid",
                    null, null, null, "/run/haproxy/admin.sock", "/etc/haproxy/orrery-tls.pem", "haproxy", "haproxy", null, null,
                    DROPLET_ACME_ROOT);
            case DO_LOAD_BALANCER -> throw noFiles();
        };
    }

    /** Everything under one directory, started by Orrery rather than systemd (sandbox, tests). */
    public static BalancerLayout under(String dir, BalancerKind kind) {
        String d = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        return switch (kind) {
            case NGINX -> new BalancerLayout(d, d + "/nginx.conf", d + "/nginx.pid", d + "/error.log",
                    d + "/access.log", d + "/temp", null, null, null, null, null, d + "/closing", d + "/acme");
            case HAPROXY -> new BalancerLayout(null, d + "/haproxy.cfg", d + "/haproxy.pid", null, null, null,
                    d + "/admin.sock", d + "/tls.pem", null, null, null, null, d + "/acme");
            case DO_LOAD_BALANCER -> throw noFiles();
        };
    }

    /** A managed balancer is set up through DigitalOcean's API: it has no files, program or host to reach. */
    public static IllegalStateException noFiles() {
        return new IllegalStateException("a DigitalOcean Load Balancer has no configuration files on a droplet;"
                + " Orrery sets it up through the API (orrery balancer managed push)");
    }

    /** Orrery's ACME folder on a droplet (both balancers). */
    public static final String DROPLET_ACME_ROOT = "/var/lib/orrery/acme";

    /** The folder nginx serves {@code /.well-known/acme-challenge/TOKEN} from: one file per token. */
    public String acmeChallengeDir() {
        return acmeRoot + "/challenge";
    }

    /** HAProxy's map of token → key authorization; tokens are added through the runtime API, so it is usually empty. */
    public String acmeMap() {
        return acmeRoot + "/tokens.map";
    }

    /** Where a new configuration waits for its validation, beside the live one (same file system, so mv is atomic). */
    public String candidatePath() {
        return configPath + ".orrery-new";
    }

    /** Where the previous configuration is kept while a new one is tried. */
    public String previousPath() {
        return configPath + ".orrery-prev";
    }

    public BalancerLayout withSystemdUnit(String unit) {
        return new BalancerLayout(prefix, configPath, pidFile, errorLog, accessLog, tempDir, statsSocket, tlsBundle, user, unit, listenAddress, closeFlag, acmeRoot);
    }

    public BalancerLayout listeningOn(String address) {
        return new BalancerLayout(prefix, configPath, pidFile, errorLog, accessLog, tempDir, statsSocket, tlsBundle, user, systemdUnit, address, closeFlag, acmeRoot);
    }

    /** Without the close flag: pushes reload nginx at once (and drop its idle keep-alive connections). */
    public BalancerLayout withoutCloseFlag() {
        return new BalancerLayout(prefix, configPath, pidFile, errorLog, accessLog, tempDir, statsSocket, tlsBundle, user, systemdUnit, listenAddress, null, acmeRoot);
    }

    /** {@code ADDRESS:PORT} or just {@code PORT}, as both nginx's listen and HAProxy's bind take it. */
    public String listen(int port) {
        if (listenAddress == null) {
            return Integer.toString(port);
        }
        return (listenAddress.contains(":") ? "[" + listenAddress + "]" : listenAddress) + ":" + port;
    }

    /** Where Orrery asks the balancer on its own host whether it answers. */
    public String localAddress() {
        if (listenAddress == null) {
            return "127.0.0.1";
        }
        return listenAddress.contains(":") ? "[" + listenAddress + "]" : listenAddress;
    }

    /** Every path and name through {@link Rules}: they are written into configurations and shell lines. */
    public List<Problem> validate() {
        List<Problem> out = new ArrayList<>();
        path(out, "layout.prefix", prefix, false);
        path(out, "layout.configPath", configPath, true);
        path(out, "layout.pidFile", pidFile, true);
        path(out, "layout.errorLog", errorLog, false);
        path(out, "layout.accessLog", accessLog, false);
        path(out, "layout.tempDir", tempDir, false);
        path(out, "layout.statsSocket", statsSocket, false);
        path(out, "layout.tlsBundle", tlsBundle, false);
        path(out, "layout.closeFlag", closeFlag, false);
        path(out, "layout.acmeRoot", acmeRoot, true);
        if (user != null) {
            Rules.unixUser(user).ifPresent(m -> out.add(new Problem("layout.user", m)));
        }
        if (listenAddress != null && !Rules.isIp(listenAddress)) {
            out.add(new Problem("layout.listenAddress", "must be an IP address (got \"" + listenAddress.replaceAll("[^ -~]", "?") + "\")"));
        }
        if (systemdUnit != null) {
            Rules.name(systemdUnit).ifPresent(m -> out.add(new Problem("layout.systemdUnit", m)));
        }
        return out;
    }

    private static void path(List<Problem> out, String field, String value, boolean required) {
        if (value == null && !required) {
            return;
        }
        Rules.filePath(value).ifPresent(m -> out.add(new Problem(field, m)));
    }
}
