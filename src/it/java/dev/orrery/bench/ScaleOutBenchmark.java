package dev.orrery.bench;

import dev.orrery.deploy.LoadClient;
import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.proxy.BalancerRig;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.proxy.ProxyPush;
import dev.orrery.proxy.ProxyRenderer;
import dev.orrery.proxy.RawHttp;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.LineListener;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * Adding and removing an app server behind the balancer under the project's keep-alive GET + POST
 * load ({@link LoadClient}: 8 connections that never retry), for each way of changing the server
 * set that issue 14 lists, and prints the failed requests per operation. One balancer host and
 * three app hosts (the test app, 5 ms of work per request); app-3 joins and leaves three times.
 *
 * <ul>
 *   <li><b>nginx reload</b>: render, upload, {@code nginx -s reload} (Orrery before this change);</li>
 *   <li><b>nginx reload + worker_shutdown_timeout 10s</b>: the same with old workers given time;</li>
 *   <li><b>nginx spare slot marked down</b>: the new server's line is pre-rendered as {@code down};
 *       making it real still means a reload on stock nginx;</li>
 *   <li><b>nginx spare slot behind DNAT</b>: a pre-rendered slot address (192.0.2.3) that the
 *       balancer's kernel rejects, or rewrites to the new server (iptables nat OUTPUT): no reload;</li>
 *   <li><b>nginx close window</b> (Orrery now): every answer says {@code Connection: close} until
 *       the open connections have turned over, then the reload ({@link ProxyPush});</li>
 *   <li><b>nginx resolve</b>: upstream servers that follow DNS ({@code resolve}), nginx &ge; 1.27.3:
 *       only checked against the installed nginx's validator;</li>
 *   <li><b>HAProxy reload</b> ({@code -sf}) and <b>HAProxy runtime API</b> ({@code add server} /
 *       {@code del server}, no reload).</li>
 * </ul>
 *
 * <p>Run as root: {@code mvn -o -q -Pit test-compile dependency:build-classpath -Dmdep.outputFile=target/it-cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/it-cp.txt) dev.orrery.bench.ScaleOutBenchmark [NAME-PART]}
 */
public final class ScaleOutBenchmark {
    static final int CLIENTS = 8;
    static final long PAUSE_MS = 2;
    static final int CYCLES = 3;
    static final long SETTLE_MS = 1500;
    static final long MIN_REQUESTS = 10_000;
    static final long MAX_REQUESTS_PER_CONNECTION = 20_000; // bounds the whole run: 160k requests at most
    static final String SLOT = "192.0.2.3";                 // TEST-NET-1: never a real server

    record Row(String candidate, String op, long requests, long failedGets, long failedPosts, long opMs, String note) { }

    interface Candidate {
        String name();

        BalancerKind kind();

        /** Brings the balancer to the two-server state with no load running. */
        void prepare(BalancerRig rig, Cluster two, Cluster three) throws Exception;

        void add(BalancerRig rig, Cluster two, Cluster three) throws Exception;

        void remove(BalancerRig rig, Cluster two, Cluster three) throws Exception;

        default void cleanup(BalancerRig rig) throws Exception {
        }
    }

    public static void main(String[] args) throws Exception {
        String only = args.length > 0 ? args[0] : "";
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (BalancerKind kind : BalancerKind.programs()) {
            List<Candidate> cs = candidates().stream().filter(c -> c.kind() == kind && c.name().contains(only)).toList();
            if (cs.isEmpty() && !(kind == BalancerKind.NGINX && "nginx resolve".contains(only))) {
                continue;
            }
            try (BalancerRig rig = KillUnderLoadBenchmark.newRig(kind)) {
                rig.restartApps("DELAY_MS=5");
                Cluster three = rig.cluster(Stickiness.NONE);
                Cluster two = three.withoutServer("app-3");
                if (kind == BalancerKind.NGINX && "nginx resolve".contains(only)) {
                    notes.add(resolveCheck(rig, three));
                }
                for (Candidate c : cs) {
                    rows.addAll(run(rig, c, two, three));
                }
            }
        }
        System.out.println();
        System.out.printf("%-44s %-7s %9s %11s %12s %8s  %s%n", "candidate", "op", "requests", "failed GET", "failed POST", "op ms", "");
        for (Row r : rows) {
            System.out.printf("%-44s %-7s %9d %11d %12d %8d  %s%n", r.candidate, r.op, r.requests, r.failedGets, r.failedPosts, r.opMs, r.note);
        }
        notes.forEach(System.out::println);
    }

    static List<Row> run(BalancerRig rig, Candidate c, Cluster two, Cluster three) throws Exception {
        System.out.println("== " + c.name());
        c.prepare(rig, two, three);
        List<Row> rows = new ArrayList<>();
        long[] failedGets = new long[2];
        long[] failedPosts = new long[2];
        long[] requests = new long[2];
        long[] ms = new long[2];
        LoadClient load = new LoadClient(rig.balancerAddress(), 80, CLIENTS, PAUSE_MS, MAX_REQUESTS_PER_CONNECTION).start();
        try {
            Thread.sleep(SETTLE_MS);
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                for (int op = 0; op < 2; op++) {
                    long g = load.failedGets.get();
                    long p = load.failedPosts.get();
                    long n = load.total();
                    long t0 = System.nanoTime();
                    if (op == 0) {
                        c.add(rig, two, three);
                    } else {
                        c.remove(rig, two, three);
                    }
                    ms[op] += (System.nanoTime() - t0) / 1_000_000;
                    Thread.sleep(SETTLE_MS);
                    failedGets[op] += load.failedGets.get() - g;
                    failedPosts[op] += load.failedPosts.get() - p;
                    requests[op] += load.total() - n;
                }
            }
            while (load.total() < MIN_REQUESTS) {
                Thread.sleep(200);
            }
        } finally {
            load.close();
            c.cleanup(rig);
        }
        String note = "of " + load.total() + " in the run, " + load.failed.get() + " failed" + (load.failures.isEmpty() ? ""
                : "; first: " + load.failures.get(0).replaceFirst("^\\d+ ", ""));
        System.out.println("   " + note);
        rows.add(new Row(c.name(), "add ×" + CYCLES, requests[0], failedGets[0], failedPosts[0], ms[0] / CYCLES, note));
        rows.add(new Row(c.name(), "remove ×" + CYCLES, requests[1], failedGets[1], failedPosts[1], ms[1] / CYCLES, ""));
        return rows;
    }

    static List<Candidate> candidates() {
        return List.of(
                new Pushing("nginx reload (Orrery before)", BalancerKind.NGINX, false, null),
                new Pushing("nginx reload + worker_shutdown_timeout 10s", BalancerKind.NGINX, false, "worker_shutdown_timeout 10s;"),
                new DownSlot(),
                new DnatSlot(),
                new Pushing("nginx close window + reload (Orrery now)", BalancerKind.NGINX, true, null),
                new Pushing("haproxy reload -sf (Orrery)", BalancerKind.HAPROXY, false, null),
                new RuntimeApi());
    }

    /** Every change is a push of the rendered configuration. */
    record Pushing(String name, BalancerKind kind, boolean closeWindow, String extraMainLine) implements Candidate {
        ProxyPush push(BalancerRig rig) {
            return new ProxyPush(rig.balancer, closeWindow ? rig.layout : rig.layout.withoutCloseFlag());
        }

        void push(BalancerRig rig, Cluster c) throws Exception {
            if (extraMainLine == null) {
                push(rig).push(c, Progress.NONE);
                return;
            }
            ProxyConfig plain = ProxyRenderer.render(c, rig.layout.withoutCloseFlag(), BalancerFeatures.STOCK);
            ProxyConfig changed = new ProxyConfig(plain.kind(), plain.text().replace("worker_processes auto;\n",
                    "worker_processes auto;\n" + extraMainLine + "\n"), plain.fingerprint());
            push(rig).push(changed, 80, Progress.NONE);
        }

        @Override
        public void prepare(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            push(rig, two);
        }

        @Override
        public void add(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            push(rig, three);
        }

        @Override
        public void remove(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            push(rig, two);
        }
    }

    /** app-3 pre-rendered as {@code server … down}; it becomes real (and leaves again) by a reload. */
    static final class DownSlot implements Candidate {
        @Override
        public String name() {
            return "nginx spare slot marked down (reload)";
        }

        @Override
        public BalancerKind kind() {
            return BalancerKind.NGINX;
        }

        private static void push(BalancerRig rig, Cluster c) throws Exception {
            new ProxyPush(rig.balancer, rig.layout.withoutCloseFlag()).push(c, Progress.NONE);
        }

        @Override
        public void prepare(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            push(rig, three.withBalancer(three.balancer().withDrained("app-3", true)));
        }

        @Override
        public void add(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            push(rig, three);
        }

        @Override
        public void remove(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            prepare(rig, two, three);
        }
    }

    /**
     * The upstream has a slot at {@link #SLOT} from the start. The balancer's kernel refuses
     * connections to it (nginx passes the request to the next server, POSTs included: nothing
     * was sent) until a DNAT rule points the slot at the new server; removing the rule empties
     * the slot again. nginx is loaded once and never reloaded.
     */
    static final class DnatSlot implements Candidate {
        @Override
        public String name() {
            return "nginx spare slot behind DNAT (no reload)";
        }

        @Override
        public BalancerKind kind() {
            return BalancerKind.NGINX;
        }

        private static TestHost lb(BalancerRig rig) {
            return rig.hosts.get(0);
        }

        private static List<String> dnat(BalancerRig rig, String op) {
            return List.of("iptables", "-t", "nat", op, "OUTPUT", "-d", SLOT, "-p", "tcp", "--dport", String.valueOf(BalancerRig.APP_PORT),
                    "-j", "DNAT", "--to-destination", rig.hosts.get(3).address() + ":" + BalancerRig.APP_PORT);
        }

        @Override
        public void prepare(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            Server app3 = three.server("app-3").orElseThrow();
            Cluster slotted = three.replaceServer("app-3", app3.withAddresses(app3.publicAddress(), SLOT));
            lb(rig).exec("ip", "route", "add", SLOT + "/32", "dev", "eth0").orThrow("route to the slot");
            lb(rig).exec("iptables", "-A", "OUTPUT", "-d", SLOT, "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset")
                    .orThrow("empty slot");
            new ProxyPush(rig.balancer, rig.layout.withoutCloseFlag()).push(slotted, Progress.NONE);
        }

        @Override
        public void add(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            lb(rig).exec(dnat(rig, "-A").toArray(String[]::new)).orThrow("fill the slot");
        }

        @Override
        public void remove(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            lb(rig).exec(dnat(rig, "-D").toArray(String[]::new)).orThrow("empty the slot");
        }

        @Override
        public void cleanup(BalancerRig rig) {
            lb(rig).exec("iptables", "-D", "OUTPUT", "-d", SLOT, "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset");
            lb(rig).exec("ip", "route", "del", SLOT + "/32");
        }
    }

    /** HAProxy's runtime API: {@code add server} + {@code enable}, and {@code disable} + {@code del server}; no reload. */
    static final class RuntimeApi implements Candidate {
        @Override
        public String name() {
            return "haproxy runtime API add/del server";
        }

        @Override
        public BalancerKind kind() {
            return BalancerKind.HAPROXY;
        }

        private static String api(BalancerRig rig, String line) throws Exception {
            ExecResult r = rig.balancer.run(BalancerCommands.runtimeApi(rig.layout.statsSocket(), line, false), LineListener.IGNORE);
            return r.output().strip();
        }

        @Override
        public void prepare(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            new ProxyPush(rig.balancer, rig.layout).push(two, Progress.NONE);
        }

        @Override
        public void add(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            String backend = three.name() + "/app-3";
            String a = api(rig, "add server " + backend + " " + rig.hosts.get(3).address() + ":" + BalancerRig.APP_PORT + " check");
            if (!a.contains("New server registered")) {
                throw new IllegalStateException("add server: " + a);
            }
            api(rig, "enable health " + backend);
            api(rig, "enable server " + backend);
        }

        @Override
        public void remove(BalancerRig rig, Cluster two, Cluster three) throws Exception {
            String backend = three.name() + "/app-3";
            api(rig, "set server " + backend + " state drain");
            api(rig, "disable server " + backend);
            // del server wants the server in maintenance with no connection left
            long end = System.nanoTime() + 30_000_000_000L;
            String answer;
            while (!(answer = api(rig, "del server " + backend)).contains("Server deleted")) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("del server: " + answer);
                }
                Thread.sleep(100);
            }
        }
    }

    /** nginx's own dynamic resolution: what the installed nginx says to {@code server NAME resolve}. */
    static String resolveCheck(BalancerRig rig, Cluster three) {
        TestHost lb = rig.hosts.get(0);
        String conf = "events {}\nhttp {\n  resolver 127.0.0.53;\n  upstream u {\n    zone u 64k;\n    server app.internal:3000 resolve;\n  }\n"
                + "  server { listen 8099; location / { proxy_pass http://u; } }\n}\n";
        lb.sh("mkdir -p /srv/resolve-check && cat > /srv/resolve-check/nginx.conf <<'EOF'\n" + conf + "EOF");
        Sys.Result r = lb.exec("nginx", "-t", "-p", "/srv/resolve-check", "-c", "/srv/resolve-check/nginx.conf");
        String version = lb.exec("nginx", "-v").output().strip();
        return "nginx resolve (needs nginx >= 1.27.3): " + version + " -t says: "
                + r.output().lines().filter(l -> l.contains("emerg") || l.contains("successful")).findFirst().orElse(r.output().strip());
    }

    /** Asks the balancer once which server answered (for a quick look while developing). */
    static String who(BalancerRig rig) throws Exception {
        return RawHttp.once(null, rig.balancerAddress(), 80, "GET", "/").server();
    }
}
