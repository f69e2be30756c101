package dev.orrery.bench;

import dev.orrery.deploy.LoadClient;
import dev.orrery.engine.TlsJob;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.tls.CertificateWork;
import dev.orrery.tls.TlsRig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: the figures of Orrery's certificates against a real ACME server (Pebble, with no
 * artificial pause before validating) on test hosts, for nginx and HAProxy: issue-to-served time
 * (from the order to the new certificate read from outside) over {@value #RENEWALS} renewals, and
 * failed requests of keep-alive GET+POST HTTPS clients during one renewal. Needs what the
 * integration tests need (root, sshd, nginx, haproxy, pebble). Run:
 *
 * <pre>mvn -o -q -Pit test-compile; java -cp target/test-classes:target/classes:$(cat cp.txt) dev.orrery.bench.TlsBenchmark</pre>
 * (cp.txt from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test})
 */
public final class TlsBenchmark {
    private static final int RENEWALS = 5;

    private TlsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        for (BalancerKind kind : BalancerKind.programs()) {
            try (TlsRig rig = new TlsRig(kind)) {
                Cluster c = rig.http01();
                CertificateWork.Outcome first = rig.run(c, TlsJob.Action.ISSUE, true);
                List<Long> ms = new ArrayList<>();
                ms.add(first.issueToServed().toMillis());
                for (int i = 1; i < RENEWALS; i++) {
                    ms.add(rig.run(c, TlsJob.Action.RENEW, false).issueToServed().toMillis());
                }
                Collections.sort(ms);
                LoadClient load = new LoadClient(rig.balancer.balancerAddress(), 443, 6, 10, 1_000_000)
                        .overTls(rig.acme.clientTrust(), TlsRig.NAME, 25).start();
                String before = rig.served().serial();
                try {
                    await(load, 300);
                    CertificateWork.Outcome o = rig.run(c, TlsJob.Action.RENEW, false);
                    await(load, load.total() + 300);
                    if (o.served().serial().equals(before)) {
                        throw new IllegalStateException("the renewal did not change the served serial");
                    }
                } finally {
                    load.close();
                }
                lines.add(String.format("%-7s issue-to-served median %d ms (min %d, max %d, %d issuances); renewal under load: %d failed of %d"
                                + " keep-alive GET+POST requests, handshakes per serial %s", kind.name().toLowerCase(), ms.get(ms.size() / 2),
                        ms.get(0), ms.get(ms.size() - 1), ms.size(), load.failed.get(), load.total(), load.serials));
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static void await(LoadClient l, long n) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (l.total() < n && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }
}
