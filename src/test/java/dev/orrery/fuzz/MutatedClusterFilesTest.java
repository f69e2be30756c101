package dev.orrery.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.InvalidClusterException;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.store.ClusterFileException;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.Json;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Table-driven mutation of a full cluster file (issue 13): every field gets every wrong type,
 * {@code null} and huge values, and every string field (environment keys included) every hostile
 * text — quotes, braces, semicolons, line breaks, NUL, terminal codes, bidi overrides, look-alike
 * letters, paths, very long text. Each mutated file goes through what {@code orrery validate}
 * runs; it must be refused with a message that names the field and carries no Java and no raw
 * control character, or else be rendered (as {@code orrery render-proxy} does) for nginx and for
 * HAProxy, and each distinct rendered configuration must pass the real {@code nginx -t} and
 * {@code haproxy -c}. Identical configurations are checked once (most mutations of fields the
 * balancer never sees render the base file again), which keeps the run short.
 */
@RequiresCommands({"nginx", "haproxy", "openssl"})
class MutatedClusterFilesTest {
    @TempDir
    Path dir;

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Text that has broken configurations, shell lines or terminals somewhere. */
    static final List<String> HOSTILE = List.of(
            "", " ", "a b", "x;y", "x}", "{x", "x'y", "x\"y", "`id`", "$(reboot)", "${HOME}", "$host", "x\ny", "x\r\ny", "x\ty",
            "x\u0000y", "\u001b]0;PWNED\u0007\u001b[2J", "x\u009by", "safe\u202egnp", "\u0430pp-1", "app\u200b", "../../etc/passwd",
            "/etc/passwd", "#comment", "x\\y", "x|y", "x&y", "x<y>", "include /etc/passwd;", "default_server", "127.0.0.1", "::1",
            "[::1]", "app-1:80", "\ud83d\ude42", "%00", "a".repeat(300), "A-B", "-x", "x-", "x.", ".", "..", "0",
            "k".repeat(100_000));

    /** Values of the wrong kind, null, and extremes, for every field. */
    static List<JsonNode> wrongValues() {
        return List.of(F.nullNode(), F.booleanNode(true), F.numberNode(1), F.numberNode(1.5), F.textNode("text"), F.arrayNode(),
                F.objectNode(), F.numberNode(-1), F.numberNode(0), F.numberNode(65536), F.numberNode(2_147_483_648L),
                F.numberNode(new java.math.BigInteger("9".repeat(30))), F.numberNode(Integer.MAX_VALUE), F.textNode("9".repeat(5000)));
    }

    /** @param value the text put in, when it was text (to recognise it in a validator's message) */
    record Mutation(String path, String what, byte[] file, String value) {
        @Override
        public String toString() {
            return what + " at " + path;
        }
    }

    private int environmental;

    record Outcome(int cases, int refused, int accepted, int nginxConfigs, int haproxyConfigs) {
    }

    @Test
    void everyMutationIsRefusedClearlyOrRendersAConfigurationTheBalancersAccept() throws Exception {
        long t0 = System.nanoTime();
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Path tls = selfSignedCertificate();
        ObjectNode base = baseFile(tls);
        List<Mutation> mutations = mutations(base);

        Map<String, Mutation> nginx = new LinkedHashMap<>();
        Map<String, Mutation> haproxy = new LinkedHashMap<>();
        int refused = 0;
        Path file = dir.resolve("mutated.json");
        environmental = 0;
        for (Mutation m : mutations) {
            Cluster c;
            try {
                // What orrery validate runs once the file's type and size are checked (FileLimits tests those).
                c = ClusterStore.parse(file, m.file());
            } catch (ClusterFileException e) {
                refused++;
                checkMessage(m, e);
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("reading " + m + " threw " + e, e);
            }
            for (BalancerKind kind : BalancerKind.programs()) {
                Cluster asKind = c.withBalancer(new dev.orrery.model.Balancer(kind, c.balancer().stickiness(), c.balancer().healthCheck(),
                        c.balancer().tls(), c.balancer().httpPort(), c.balancer().httpsPort(), c.balancer().drained()));
                String text;
                try {
                    text = ProxyRenderer.render(asKind, BalancerLayout.under(dir.toString(), kind).listeningOn("127.0.0.1"),
                            BalancerFeatures.STOCK).text();
                } catch (InvalidClusterException e) {
                    // Accepted by the file, refused for a balancer (say, no app server left that can take traffic): said, not rendered.
                    assertThat(e.getMessage()).as(m.toString()).doesNotContain("java.").isNotBlank();
                    continue;
                }
                (kind == BalancerKind.NGINX ? nginx : haproxy).putIfAbsent(text, m);
            }
        }
        long t1 = System.nanoTime();
        long cpu1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<String> broken = new ArrayList<>();
        broken.addAll(check(nginx, true));
        broken.addAll(check(haproxy, false));
        Outcome o = new Outcome(mutations.size(), refused, mutations.size() - refused, nginx.size(), haproxy.size());
        System.out.printf("mutated cluster files: %d cases, %d refused, %d accepted; %d distinct nginx and %d distinct HAProxy "
                        + "configurations checked by nginx -t / haproxy -c (%d refused only for a certificate file or a name that "
                        + "does not resolve here); read and render %.1f s (%.1f s of CPU), validators %.1f s%n",
                o.cases(), o.refused(), o.accepted(), o.nginxConfigs(), o.haproxyConfigs(), environmental,
                (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, (System.nanoTime() - t1) / 1e9);
        assertThat(broken).as("configurations the balancers refused").isEmpty();
        assertThat(o.cases()).isGreaterThan(3000);
        assertThat(o.refused()).isPositive();
        assertThat(o.accepted()).isPositive();
        assertThat(o.nginxConfigs()).isGreaterThan(10);
        assertThat(environmental).as("refusals for this machine's files and names, not the text").isLessThan(40);
    }

    /** A refusal says which field and why, in words, in one line, with nothing raw for a terminal. */
    private static void checkMessage(Mutation m, ClusterFileException e) {
        String msg = e.getMessage();
        String as = m.what() + " at " + m.path() + ": " + msg;
        assertThat(msg).as(as).doesNotContain("java.").doesNotContain("dev.orrery.").doesNotContain("Exception").doesNotContain("Cannot construct")
                .doesNotContain("problem:").doesNotContain("\n");
        assertThat(msg.length()).as(as).isLessThan(4000);
        assertThat(msg.chars().filter(ch -> ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || (ch >= 0x202a && ch <= 0x202e)).toArray())
                .as("raw control characters in " + as).isEmpty();
        assertThat(e.field()).as("the field of " + as).isNotNull();
    }

    /** Each configuration through the real binary; returns what failed and why. */
    private List<String> check(Map<String, Mutation> configs, boolean isNginx) throws Exception {
        List<String> broken = new ArrayList<>();
        Files.createDirectories(dir.resolve("temp"));
        // As a push makes it before validating: HAProxy's ACME token map must exist.
        Files.createDirectories(dir.resolve("acme/challenge"));
        Files.writeString(dir.resolve("acme/tokens.map"), "");
        Path conf = dir.resolve(isNginx ? "nginx.conf" : "haproxy.cfg");
        for (Map.Entry<String, Mutation> e : configs.entrySet()) {
            Files.writeString(conf, e.getKey());
            List<String> cmd = isNginx ? List.of("nginx", "-t", "-q", "-p", dir.toString(), "-c", conf.toString())
                    : List.of("haproxy", "-c", "-f", conf.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the validator did not finish on " + e.getValue());
            }
            if (p.exitValue() == 0) {
                continue;
            }
            if (refusedForTheEnvironment(e.getValue(), out)) {
                environmental++;
            } else {
                broken.add((isNginx ? "nginx -t" : "haproxy -c") + " refused the configuration of " + e.getValue() + ": " + out.strip());
            }
        }
        return broken;
    }

    /**
     * A refusal that is about this machine, not about the text: a certificate path that names a
     * file which is not a certificate here ("/etc/passwd" is a valid path), or a server address
     * that is a valid host name which does not resolve here (nginx and HAProxy resolve names when
     * they load). The validator must name the very value, so it read the directive as written.
     */
    private static boolean refusedForTheEnvironment(Mutation m, String out) {
        if (m.value() == null) {
            return false;
        }
        boolean certificate = m.path().endsWith("certificatePath]") || m.path().endsWith("keyPath]");
        boolean address = m.path().endsWith("Address]");
        return certificate && out.contains("cannot load certificate") && out.contains("\"" + m.value() + "\"")
                || address && (out.contains("host not found in upstream \"" + m.value() + ":")
                || out.contains("could not resolve address '" + m.value() + "'"));
    }

    /** Every field × every value; string fields and environment keys also × every hostile text. */
    private List<Mutation> mutations(ObjectNode base) throws Exception {
        List<Mutation> out = new ArrayList<>();
        List<List<Object>> leaves = new ArrayList<>();
        collect(base, new ArrayList<>(), leaves);
        for (List<Object> path : leaves) {
            JsonNode original = at(base, path);
            List<JsonNode> values = new ArrayList<>(wrongValues());
            if (original.isTextual()) {
                HOSTILE.forEach(h -> values.add(F.textNode(h)));
            }
            for (JsonNode v : values) {
                ObjectNode copy = base.deepCopy();
                set(copy, path, v);
                out.add(new Mutation(path.toString(), describe(v), Json.mapper().writeValueAsBytes(copy), v.isTextual() ? v.asText() : null));
            }
            // The field left out.
            ObjectNode copy = base.deepCopy();
            remove(copy, path);
            out.add(new Mutation(path.toString(), "(left out)", Json.mapper().writeValueAsBytes(copy), null));
        }
        // Environment keys: every hostile text as a key.
        for (String h : HOSTILE) {
            ObjectNode copy = base.deepCopy();
            ((ObjectNode) copy.at("/cluster/app/environment")).put(h, "value");
            out.add(new Mutation("[cluster, app, environment, <key>]", describe(F.textNode(h)), Json.mapper().writeValueAsBytes(copy), h));
        }
        // A list entry of every wrong kind, and a duplicate server.
        for (String list : new String[]{"/cluster/servers", "/cluster/balancer/drained", "/cluster/app/releases"}) {
            for (JsonNode v : wrongValues()) {
                ObjectNode copy = base.deepCopy();
                ((ArrayNode) copy.at(list)).add(v);
                out.add(new Mutation(list + "[+]", describe(v), Json.mapper().writeValueAsBytes(copy), null));
            }
        }
        ObjectNode dup = base.deepCopy();
        ((ArrayNode) dup.at("/cluster/servers")).add(dup.at("/cluster/servers/1").deepCopy());
        out.add(new Mutation("/cluster/servers[+]", "a second app-1", Json.mapper().writeValueAsBytes(dup), null));
        return out;
    }

    private static void collect(JsonNode n, List<Object> path, List<List<Object>> out) {
        if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                List<Object> p = new ArrayList<>(path);
                p.add(e.getKey());
                if (!e.getValue().isContainerNode()) {
                    out.add(p);
                }
                collect(e.getValue(), p, out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                List<Object> p = new ArrayList<>(path);
                p.add(i);
                if (!n.get(i).isContainerNode()) {
                    out.add(p);
                }
                collect(n.get(i), p, out);
            }
        }
    }

    private static JsonNode at(JsonNode n, List<Object> path) {
        for (Object k : path) {
            n = k instanceof Integer i ? n.get(i) : n.get((String) k);
        }
        return n;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode v) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, v);
        } else {
            ((ObjectNode) parent).set((String) last, v);
        }
    }

    private static void remove(JsonNode root, List<Object> path) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).remove(i);
        } else {
            ((ObjectNode) parent).remove((String) last);
        }
    }

    private static String describe(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "…(" + s.length() + " chars)" : s;
    }

    /** A full cluster: TLS, stickiness, checks, environment, releases, a drained server, every role. */
    private ObjectNode baseFile(Path tls) throws Exception {
        String text = """
                {"schemaVersion": 1, "cluster": {"name": "crater",
                  "app": {"name": "crater", "port": 3000,
                          "environment": {"ROOT_URL": "https://crater.io", "METEOR_SETTINGS": "{\\"public\\":{}}"},
                          "releases": [{"id": "20261201-084551-9f3c2a1b", "kind": "node", "bundle": "crater-v3.tgz",
                                        "sha256": "9f3c2a1b", "deployedAt": "2026-12-01T08:45:51Z"}]},
                  "balancer": {"kind": "nginx", "stickiness": "ip_hash",
                               "healthCheck": {"path": "/health", "intervalMs": 750, "rise": 2, "fall": 2, "timeoutMs": 1000},
                               "tls": {"serverName": "crater.io", "certificatePath": "CERT", "keyPath": "KEY"},
                               "httpPort": 80, "httpsPort": 443, "drained": ["app-3"]},
                  "servers": [
                    {"name": "lb-1", "role": "balancer", "publicAddress": "198.51.100.10", "privateAddress": "10.0.1.10",
                     "sshUser": "root", "sshPort": 22, "sshKey": "agent", "provider": "digitalocean", "dropletId": "3164444",
                     "region": "nyc3", "size": "s-1vcpu-1gb", "state": "ready", "release": null},
                    {"name": "app-1", "role": "app", "publicAddress": "198.51.100.11", "privateAddress": "10.0.1.11",
                     "sshUser": "root", "sshPort": 22, "sshKey": "~/.ssh/id_ed25519", "provider": "digitalocean", "dropletId": "3164450",
                     "region": "nyc3", "size": "s-2vcpu-2gb", "state": "ready", "release": "20261201-084551-9f3c2a1b"},
                    {"name": "app-2", "role": "app", "publicAddress": "198.51.100.12", "privateAddress": "fd00::12",
                     "sshUser": "deploy", "sshPort": 2222, "provider": "manual", "state": "ready", "release": "20261201-084551-9f3c2a1b"},
                    {"name": "app-3", "role": "app", "publicAddress": "198.51.100.13", "state": "drained"},
                    {"name": "db-1", "role": "database", "publicAddress": "198.51.100.20", "privateAddress": "10.0.1.20", "state": "ready"}]}}
                """.replace("CERT", tls.resolve("cert.pem").toString()).replace("KEY", tls.resolve("key.pem").toString());
        ObjectNode base = (ObjectNode) Json.mapper().readTree(text);
        Path f = Files.write(dir.resolve("base.json"), Json.mapper().writeValueAsBytes(base));
        ClusterStore.load(f); // the base itself is valid
        return base;
    }

    /** A certificate for the TLS server blocks, and HAProxy's combined file where the layout puts it. */
    private Path selfSignedCertificate() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=crater.io", "-keyout", tls.resolve("key.pem").toString(), "-out", tls.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        Files.writeString(dir.resolve("tls.pem"), Files.readString(tls.resolve("cert.pem")) + Files.readString(tls.resolve("key.pem")));
        return tls;
    }

}
