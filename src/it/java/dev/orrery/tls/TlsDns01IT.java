package dev.orrery.tls;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeDomains;
import dev.orrery.engine.TlsJob;
import dev.orrery.model.Acme;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wildcard certificate through DNS-01: Orrery writes the TXT records through the project's fake
 * DigitalOcean Domains API (held to the OpenAPI spec), which puts them into pebble-challtestsrv's
 * DNS where Pebble looks. Port 80 stays closed to the outside the whole time: DNS-01 needs no
 * open port. The records are gone afterwards.
 */
class TlsDns01IT {
    static FakeApiFixture api;
    static TlsRig rig;
    static final List<String> dnsLog = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = new FakeApiFixture();
        rig = new TlsRig(BalancerKind.NGINX, Map.of("DIGITALOCEAN_API_URL", api.server.url("/").toString(),
                "DIGITALOCEAN_TOKEN", FakeApiFixture.TOKEN));
        api.fake.domains().add("example.org");
        api.fake.domains().add(TlsRig.NAME);
        api.fake.domains().listen(new FakeDomains.TxtListener() {
            @Override
            public void added(String fqdn, String value) {
                dnsLog.add("+" + fqdn);
                try {
                    rig.acme.setTxt(fqdn, value);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void removed(String fqdn, String value) {
                dnsLog.add("-" + fqdn);
                try {
                    rig.acme.clearTxt(fqdn);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aWildcardThroughDns01WithPort80Closed() throws Exception {
        // No dnsZone in the cluster: Orrery finds crater.test among the account's domains.
        Cluster c = rig.cluster(Acme.Challenge.DNS_01, List.of("*." + TlsRig.NAME), Acme.RenewOn.ORRERY);
        c = c.withBalancer(c.balancer().withTls(c.balancer().tls().withAcme(c.balancer().tls().acme().withChallenge(Acme.Challenge.DNS_01, null))));
        var lb = rig.balancer.hosts.get(0);
        lb.exec("iptables", "-I", "INPUT", "-i", "eth0", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with", "tcp-reset")
                .orThrow("close port 80");
        CertificateWork.Outcome o;
        try {
            o = rig.run(c, TlsJob.Action.ISSUE, true);
        } finally {
            lb.exec("iptables", "-D", "INPUT", "-i", "eth0", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with", "tcp-reset");
        }
        System.out.printf("dns-01 wildcard: issue-to-served %d ms; DNS changes %s%n", o.issueToServed().toMillis(), dnsLog);
        assertThat(o.served().names()).containsExactly(TlsRig.NAME, "*." + TlsRig.NAME);
        assertThat(rig.served().serial()).isEqualTo(o.served().serial());
        assertThat(dnsLog).containsExactly("+_acme-challenge." + TlsRig.NAME, "+_acme-challenge." + TlsRig.NAME,
                "-_acme-challenge." + TlsRig.NAME, "-_acme-challenge." + TlsRig.NAME);
        assertThat(api.fake.domains().txt()).as("TXT records left at DigitalOcean").isEmpty();
        assertThat(api.fake.requests()).contains("GET /v2/domains", "POST /v2/domains/crater.test/records");
        assertThat(api.fake.requests().stream().filter(r -> r.startsWith("DELETE /v2/domains/crater.test/records/"))).hasSize(2);
    }
}
