package dev.orrery.bench;

import dev.orrery.deploy.LoadClient;
import dev.orrery.ha.FailoverDrill;
import dev.orrery.ha.FailoverRig;
import dev.orrery.it.Wait;
import dev.orrery.model.BalancerKind;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * Failover drills on two balancer test hosts behind a reserved IP (real nginx or HAProxy, real
 * keepalived installed by Orrery's setup, the fake API moving the address between the hosts):
 * for each balancer program, N drills ({@code orrery balancer failover-drill}'s workflow: stop the
 * active balancer's program, time until the reserved IP answers from the other, restore), each
 * under steady keep-alive GET+POST load (4 connections, a request every 20 ms each, no retries).
 * Prints each drill, then p50/max of the failover time and of the requests lost per drill.
 *
 * <p>Requests lost depends on the client: this one sends a new request 20 ms after each failure,
 * so a fast-failing outage (connection refused) costs ~50 requests per second per connection.
 *
 * <p>Run as root: {@code mvn -o -q test-compile -Pit && mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" dev.orrery.bench.FailoverBenchmark 10 [nginx|haproxy]}
 */
public final class FailoverBenchmark {

    public static void main(String[] args) throws Exception {
        int drills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<BalancerKind> kinds = args.length > 1 ? List.of(BalancerKind.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)))
                : List.of(BalancerKind.NGINX, BalancerKind.HAPROXY);
        for (BalancerKind kind : kinds) {
            run(kind, drills);
        }
        System.exit(0);
    }

    private static void run(BalancerKind kind, int drills) throws Exception {
        List<Long> times = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        try (FailoverRig rig = new FailoverRig(kind)) {
            rig.reservedIpOnFirstBalancer();
            rig.setup(Progress.NONE);
            Wait.until("one MASTER, one BACKUP", FailoverBenchmark.settled(rig));
            for (int i = 0; i < drills; i++) {
                LoadClient load = new LoadClient(rig.vip, 80, 4, 20, 5000).start();
                Wait.until("load", () -> load.ok.get() >= 20);
                FailoverDrill.Result r = rig.engine.submit(rig.drillJob()).result().get();
                long okAt = load.ok.get();
                Wait.until("load served again", () -> load.ok.get() >= okAt + 20);
                load.close();
                times.add(r.failoverMs());
                lost.add(load.failed.get());
                System.out.printf("%-7s drill %2d: %s → %s in %5d ms, %4d of %5d requests lost%n", kind, i + 1, r.from(), r.to(),
                        r.failoverMs(), load.failed.get(), load.total());
                Wait.until("the restored balancer stands by", settled(rig));
            }
        }
        System.out.printf("%-7s %d drills: failover p50 %d ms, max %d ms; requests lost per drill p50 %d, max %d%n", kind, drills,
                p50(times), max(times), p50(lost), max(lost));
    }

    private static java.util.function.BooleanSupplier settled(FailoverRig rig) {
        return () -> {
            String a = rig.state(0).state();
            String b = rig.state(1).state();
            return (a.equals("MASTER") && b.equals("BACKUP")) || (a.equals("BACKUP") && b.equals("MASTER"));
        };
    }

    private static long p50(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get((s.size() - 1) / 2);
    }

    private static long max(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
