package dev.orrery.tls;

import dev.orrery.deploy.LoadClient;
import dev.orrery.engine.TlsJob;
import dev.orrery.model.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A certificate from a real ACME server (Pebble) through HTTP-01 on a real balancer, renewed
 * under keep-alive GET+POST load with zero failed requests, and a challenge that cannot succeed
 * (port 80 closed) stopped with the step named while the old certificate keeps serving. The
 * same tests run for nginx and HAProxy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TlsBalancerITBase {
    static TlsRig rig;

    abstract String kind();

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void issuesThroughHttp01AndServesIt() throws Exception {
        Cluster c = rig.http01();
        CertificateWork.Outcome o = rig.run(c, TlsJob.Action.ISSUE, true);
        System.out.printf("%s: issue-to-served %d ms (pushed first: %s); renewals: %s%n", kind(), o.issueToServed().toMillis(), o.pushed(),
                o.renewals());
        assertThat(o.pushed()).as("the balancer ran no configuration of this cluster yet").isTrue();
        assertThat(o.served().issuer()).contains("Pebble");
        assertThat(o.served().names()).containsExactly(TlsRig.NAME, "www." + TlsRig.NAME);
        CertificateFacts seen = rig.served();
        assertThat(seen.serial()).isEqualTo(o.served().serial());
        // A client that trusts Pebble's root accepts the chain the balancer sends.
        LoadClient probe = new LoadClient(rig.balancer.balancerAddress(), 443, 1, 0, 4).overTls(rig.acme.clientTrust(), TlsRig.NAME, 2).start();
        waitFor(probe, 4);
        probe.close();
        assertThat(probe.failed.get()).as("%s", probe.failures).isZero();
        assertThat(probe.ok.get()).isEqualTo(4);
        assertThat(rig.orrery.tls().history().last(c.name(), "lb-1")).hasValueSatisfying(a -> assertThat(a.ok()).isTrue());
    }

    @Test
    @Order(2)
    void renewsUnderKeepAliveLoadWithoutAFailedRequest() throws Exception {
        Cluster c = rig.http01();
        String before = rig.served().serial();
        LoadClient load = new LoadClient(rig.balancer.balancerAddress(), 443, 6, 10, 1_000_000)
                .overTls(rig.acme.clientTrust(), TlsRig.NAME, 25).start();
        CertificateWork.Outcome o;
        try {
            waitFor(load, 300);
            o = rig.run(c, TlsJob.Action.RENEW, false);
            long after = load.total();
            waitFor(load, after + 300);
        } finally {
            load.close();
        }
        System.out.printf("%s renewal under load: %d failed of %d requests; handshakes per serial %s (old %s, new %s)%n", kind(),
                load.failed.get(), load.total(), load.serials, before, o.served().serial());
        load.failures.forEach(f -> System.out.println("  failure: " + f));
        assertThat(o.pushed()).as("a renewal needs no push").isFalse();
        assertThat(o.served().serial()).isNotEqualTo(before);
        assertThat(rig.served().serial()).isEqualTo(o.served().serial());
        assertThat(load.serials).containsKeys(before, o.served().serial());
        assertThat(load.failed.get()).as("failed requests: %s", load.failures).isZero();
    }

    @Test
    @Order(3)
    void aClosedPort80FailsNamingTheStepAndTheOldCertificateKeepsServing() throws Exception {
        Cluster c = rig.http01();
        String before = rig.served().serial();
        var lb = rig.balancer.hosts.get(0);
        // Closed to the outside (eth0), as a cloud firewall would; the balancer still reaches itself.
        lb.exec("iptables", "-I", "INPUT", "-i", "eth0", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with", "tcp-reset")
                .orThrow("close port 80");
        try {
            assertThatThrownBy(() -> rig.run(c, TlsJob.Action.RENEW, false))
                    .isInstanceOfSatisfying(TlsException.class, e -> {
                        System.out.println(kind() + " with port 80 closed: " + e.getMessage());
                        assertThat(e.step()).isEqualTo(TlsStep.HTTP01_SELF_CHECK);
                        assertThat(e.getMessage()).contains("fetch the http-01 token through port 80 from outside")
                                .contains("port 80 must be open").contains("still serves its previous certificate");
                        assertThat(e.oldCertificateServes()).isTrue();
                    });
        } finally {
            lb.exec("iptables", "-D", "INPUT", "-i", "eth0", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with", "tcp-reset");
        }
        assertThat(rig.served().serial()).isEqualTo(before);
        var last = rig.orrery.tls().history().last(c.name(), "lb-1").orElseThrow();
        assertThat(last.ok()).isFalse();
        assertThat(last.step()).isEqualTo(TlsStep.HTTP01_SELF_CHECK.name());
        // The token was taken away again: nothing is left in the challenge folder or the map.
        String leftovers = lb.sh("ls -A " + rig.balancer.layout.acmeChallengeDir() + " 2>/dev/null; cat " + rig.balancer.layout.acmeMap()
                + " 2>/dev/null").output();
        assertThat(leftovers.strip()).isEmpty();
    }

    static void waitFor(LoadClient l, long n) {
        await(n + " requests answered or failed").atMost(java.time.Duration.ofMinutes(5)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> l.total() >= n);
    }
}
