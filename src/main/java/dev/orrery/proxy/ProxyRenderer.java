package dev.orrery.proxy;

import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a cluster into its balancer's configuration text: a pure function. Every value that
 * reaches the text has passed {@link ClusterValidator} (and so {@code model.Rules}) first; a
 * cluster that fails is refused with each field and why, before anything is rendered.
 */
public final class ProxyRenderer {
    /**
     * How long stock nginx skips a server after a failed connection ({@code fail_timeout}, as the
     * nginx configuration is rendered); a deploy behind stock nginx waits it out before taking the
     * next server (deploy.PassiveDrain).
     *
     * <p>2 s, not nginx's 10 s, measured with {@code FailTimeoutBenchmark} (3 app servers, steady
     * keep-alive GET+POST load): a 3-server rollout's waits fell from 17.1 s (10 s) to 6.5 s (5 s),
     * 2.7 s (3 s) and 1.0 s (2 s), with 0 failed requests at every value. The price is paid only
     * while a server is down and NOT drained: nginx tries it again once per fail_timeout instead of
     * once per 10 s. A crashed app refuses at once (a few ms, and nginx passes the request on); a
     * host that vanished holds that one request for {@code proxy_connect_timeout} (the health
     * check's timeout, 1 s by default) every ~3 s instead of every ~11 s, until Orrery's probes
     * mark it down (with "act on health") or it is back. A restarted server also gets its clients
     * (ip_hash, WebSockets) back sooner, which is the intent.
     */
    public static final int PASSIVE_FAIL_TIMEOUT_SECONDS = 2;

    /**
     * nginx's {@code keepalive_timeout} as Orrery renders it: an idle client connection closes after
     * this long. A push behind nginx waits at most this long for the keep-alive connections open
     * before it to turn over (see {@link ProxyPush}), so it is kept short.
     */
    public static final int KEEPALIVE_TIMEOUT_SECONDS = 15;

    /**
     * The name of nginx's access log format as Orrery renders it: combined plus
     * {@code upstream="$upstream_addr" rt=$request_time ms=$msec}, what {@code logs.AccessEntry} reads.
     */
    public static final String NGINX_ACCESS_FORMAT = "orrery";

    /**
     * The nginx upstream Meteor's DDP sessions (WebSocket, SockJS) go to beside the app's upstream
     * {@code upstream}: the same servers with their own failure marks (why: NginxRenderer). A cluster
     * name is a DNS label ({@code model.Rules}), so the underscore never names another cluster's upstream.
     */
    public static String nginxDdpUpstream(String upstream) {
        return upstream + "_ddp";
    }

    /** Stands for the fingerprint while the text is hashed. */
    static final String FINGERPRINT = "@FINGERPRINT@";

    private ProxyRenderer() {
    }

    public static ProxyConfig render(Cluster cluster, BalancerLayout layout, BalancerFeatures features) {
        requireRenderable(cluster, layout);
        String template = switch (cluster.balancer().kind()) {
            case NGINX -> NginxRenderer.render(cluster, layout, features);
            case HAPROXY -> HaproxyRenderer.render(cluster, layout);
            case DO_LOAD_BALANCER -> throw BalancerLayout.noFiles();
        };
        String fingerprint = sha256(template).substring(0, 16);
        return new ProxyConfig(cluster.balancer().kind(), template.replace(FINGERPRINT, fingerprint), fingerprint);
    }

    /** Throws {@link InvalidClusterException} naming every field the balancer cannot be rendered from. */
    public static void requireRenderable(Cluster cluster, BalancerLayout layout) {
        List<Problem> problems = new ArrayList<>(ClusterValidator.validate(cluster));
        problems.addAll(layout.validate());
        if (cluster.appServers().isEmpty()) {
            problems.add(new Problem("servers", "has no app server for the balancer to send requests to"));
        } else if (inRotation(cluster).isEmpty()) {
            problems.add(new Problem("servers", "has no app server that can take traffic (left out: "
                    + String.join(", ", leftOut(cluster)) + ")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidClusterException(problems);
        }
    }

    /**
     * The app servers the balancer sends traffic to: every one but those still being made
     * ({@code provisioning}: no address yet, or not deployed) or whose making failed. A drained
     * server stays in (rendered as down), so taking it back needs no new server line.
     */
    public static List<Server> inRotation(Cluster cluster) {
        return cluster.appServers().stream().filter(ProxyRenderer::canTakeTraffic).toList();
    }

    /** The app servers {@link #inRotation} leaves out, each with why: {@code "app-4 (provisioning)"}. */
    public static List<String> leftOut(Cluster cluster) {
        return cluster.appServers().stream().filter(s -> !canTakeTraffic(s)).map(s -> s.name() + " (" + s.state().word() + ")").toList();
    }

    private static boolean canTakeTraffic(Server s) {
        return s.state() != ServerState.PROVISIONING && s.state() != ServerState.FAILED;
    }

    /** The comment line naming the left-out servers, or nothing when none is. */
    static String leftOutComment(Cluster cluster, String indent) {
        List<String> out = leftOut(cluster);
        return out.isEmpty() ? "" : indent + "# Left out (they cannot take traffic): " + String.join(", ", out) + "\n";
    }

    /** {@code host:port} for an app server, with IPv6 literals in brackets as both nginx and HAProxy want. */
    static String endpoint(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    static String header(Cluster cluster, String comment) {
        return comment + " Rendered by Orrery for cluster " + cluster.name() + ". Orrery replaces this whole file on every push:\n"
                + comment + " change the cluster (orrery render-proxy shows the result), not this file.\n"
                + comment + " The app servers run with HTTP_FORWARDED_COUNT=" + AppProxyFacts.forwardedCount(cluster)
                + " (one proxy in front of them).\n";
    }

    private static final java.util.regex.Pattern FINGERPRINT_IN_TEXT = java.util.regex.Pattern.compile("orrery ([0-9a-f]{16})");

    /** The fingerprint a configuration Orrery wrote carries, or empty for a file Orrery did not write. */
    public static java.util.Optional<String> fingerprintIn(String text) {
        if (!text.contains("Rendered by Orrery for cluster")) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = FINGERPRINT_IN_TEXT.matcher(text);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /**
     * Whether a file Orrery wrote is exactly as it wrote it: the fingerprint is a hash of the text
     * itself, so any edit by hand — a directive, a comment, a space — shows.
     */
    public static boolean unchangedSinceRendered(String text) {
        return fingerprintIn(text).map(fp -> sha256(text.replace("orrery " + fp, "orrery " + FINGERPRINT)).substring(0, 16).equals(fp))
                .orElse(false);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
