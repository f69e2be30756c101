package dev.orrery.tls;

import dev.orrery.engine.TlsJob;
import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.model.Acme;
import dev.orrery.model.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewals while Orrery is closed: Orrery installs its rendered script on the balancer (with
 * dehydrated, the same ACME account and the same reload-free install) and a daily schedule. The
 * test hosts run no systemd, so the schedule is a cron line; the script itself is run here
 * directly, as cron would, against Pebble: it renews, the new serial is served, and
 * {@code orrery tls status} reads its result from the balancer. A run that cannot validate
 * (port 80 closed) leaves the old certificate serving and says where it stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TlsTimerITBase {
    static TlsRig rig;
    static final RenewalScript.Paths PATHS = RenewalScript.Paths.of("it");

    abstract String kind();

    static void assumeDehydrated() {
        Assumptions.assumeTrue(Sys.available("dehydrated"), "dehydrated is not installed (apt-get install dehydrated)");
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    Cluster onBalancer() {
        return rig.cluster(Acme.Challenge.HTTP_01, List.of("www." + TlsRig.NAME), Acme.RenewOn.BALANCER);
    }

    @Test
    @Order(1)
    void issuingSetsUpTheBalancersOwnRenewals() throws Exception {
        CertificateWork.Outcome o = rig.run(onBalancer(), TlsJob.Action.ISSUE, true);
        System.out.println(kind() + ": renewals by " + o.renewals());
        assertThat(o.renewals()).contains("cron").contains(PATHS.cronFile());
        TestHost lb = rig.balancer.hosts.get(0);
        assertThat(Files.readString(lb.path(PATHS.cronFile()))).contains("root " + PATHS.script());
        assertThat(lb.exec("stat", "-c", "%a", PATHS.account()).output().strip()).as("the account key on the balancer").isEqualTo("600");
        assertThat(lb.exec("sh", "-n", PATHS.script()).exit()).isZero();
    }

    @Test
    @Order(2)
    void theScriptRunAsCronWouldRenewsWithoutOrrery() throws Exception {
        String before = rig.served().serial();
        TestHost lb = rig.balancer.hosts.get(0);
        Sys.Result notDue = lb.exec(PATHS.script());
        assertThat(notDue.exit()).as(notDue.output()).isZero();
        assertThat(notDue.output()).contains("not due");

        long t0 = System.nanoTime();
        Sys.Result r = lb.exec(PATHS.script(), "--force");
        System.out.printf("%s: the balancer's script renewed in %d ms: %s%n", kind(), (System.nanoTime() - t0) / 1_000_000, r.output().strip());
        assertThat(r.exit()).as(r.output() + lb.sh("cat " + PATHS.dir() + "/dehydrated.log").output()).isZero();
        String after = rig.served().serial();
        assertThat(after).isNotEqualTo(before);
        assertThat(Files.readString(lb.path(PATHS.status()))).contains(" ok VERIFY served ");

        CertificateStatus s = rig.orrery.tls().status(onBalancer(), x -> rig.balancer.balancer);
        System.out.println(kind() + " status: " + s.last().summary() + "; served " + s.served().serial() + " until " + s.served().notAfter());
        assertThat(s.last().by()).isEqualTo("balancer");
        assertThat(s.last().ok()).isTrue();
        assertThat(s.last().serial()).isEqualTo(after);
        assertThat(s.served().serial()).isEqualTo(after);
        assertThat(s.alarm()).isFalse();
    }

    @Test
    @Order(3)
    void aRunThatCannotValidateKeepsTheOldCertificateAndSaysWhere() throws Exception {
        String before = rig.served().serial();
        TestHost lb = rig.balancer.hosts.get(0);
        lb.exec("iptables", "-I", "INPUT", "-i", "eth0", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with", "tcp-reset")
                .orThrow("close port 80");
        Sys.Result r;
        try {
            r = lb.exec(PATHS.script(), "--force");
        } finally {
            lb.exec("iptables", "-D", "INPUT", "-i", "eth0", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with", "tcp-reset");
        }
        System.out.println(kind() + " script with port 80 closed: " + r.output().strip());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("failed at VALIDATION").contains("previous certificate keeps serving");
        assertThat(Files.readString(lb.path(PATHS.status()))).contains(" failed VALIDATION ");
        assertThat(rig.served().serial()).isEqualTo(before);
        CertificateStatus s = rig.orrery.tls().status(onBalancer(), x -> rig.balancer.balancer);
        assertThat(s.last().ok()).isFalse();
        assertThat(s.last().summary()).contains("the CA validates the challenge").contains("by the balancer");
    }

    @Test
    @Order(4)
    void renewalsBackToOrreryTakeTheTimerAway() throws Exception {
        CertificateWork.Outcome o = rig.run(rig.http01(), TlsJob.Action.RENEW, false);
        assertThat(o.renewals()).startsWith("Orrery");
        TestHost lb = rig.balancer.hosts.get(0);
        assertThat(Files.exists(lb.path(PATHS.cronFile()))).isFalse();
        assertThat(Files.exists(lb.path(PATHS.account()))).as("the account key leaves the balancer with the timer").isFalse();
    }
}
