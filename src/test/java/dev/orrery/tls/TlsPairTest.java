package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Failover;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Tls;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.UploadListener;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Certificates on a failover pair: the http-01 token goes on both balancers (the CA reaches the
 * reserved IP, so whichever is active), and is taken off both; renewals on the balancer are
 * refused for a pair; the status acted on is the worse balancer's.
 */
class TlsPairTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final BalancerLayout layout = BalancerLayout.droplet(BalancerKind.NGINX);

    /** A balancer that records what it is given; {@code failWrites}: it cannot be written to. */
    private Host balancer(String name, boolean failWrites) {
        return new Host() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecResult exec(Command command, LineListener output) {
                events.add(name + " exec " + command.line());
                return new ExecResult(0, List.of());
            }

            @Override
            public void upload(Path local, String remotePath, UploadListener progress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] content, String remotePath) throws RemoteException {
                write(content, remotePath, 0644);
            }

            @Override
            public void write(byte[] content, String remotePath, int mode) throws RemoteException {
                if (failWrites) {
                    throw new RemoteException(name, "connection reset", null);
                }
                events.add(name + " write " + remotePath + " " + new String(content));
            }

            @Override
            public void close() {
            }
        };
    }

    private static Http01Challenge challenge() throws Exception {
        Login login = new Login(URI.create("https://acme.example/acct/1").toURL(), KeyPairUtils.createKeyPair(2048),
                new Session(URI.create("https://acme.example/directory")));
        return new Http01Challenge(login, JSON.parse(
                "{\"type\":\"http-01\",\"url\":\"https://acme.example/chall/1\",\"status\":\"pending\",\"token\":\"tok_123\"}"));
    }

    @Test
    void theTokenIsPutOnBothBalancersAndTakenOffBoth() throws Exception {
        Http01Challenge ch = challenge();
        Http01Responder r = new Http01Responder(balancer("lb-1", false), List.of(balancer("lb-2", false)), BalancerKind.NGINX, layout,
                "198.51.100.2", 80, Duration.ofSeconds(1));
        String file = layout.acmeChallengeDir() + "/tok_123";
        try (ChallengeResponder.Published p = r.publish("crater.io", ch, Progress.NONE)) {
            assertThat(events).containsExactly("lb-1 write " + file + " " + ch.getAuthorization(),
                    "lb-2 write " + file + " " + ch.getAuthorization());
            events.clear();
        }
        assertThat(events).hasSize(2).allMatch(e -> e.contains(" exec ") && e.contains("tok_123"));
        assertThat(events.get(0)).startsWith("lb-1 ");
        assertThat(events.get(1)).startsWith("lb-2 ");
    }

    @Test
    void aPeerThatCannotTakeTheTokenIsAnErrorAndTheFirstIsCleanedUp() throws Exception {
        Http01Responder r = new Http01Responder(balancer("lb-1", false), List.of(balancer("lb-2", true)), BalancerKind.NGINX, layout,
                "198.51.100.2", 80, Duration.ofSeconds(1));
        assertThatThrownBy(() -> r.publish("crater.io", challenge(), Progress.NONE)).isInstanceOf(TlsException.class)
                .hasMessageContaining("could not put the token on lb-2");
        assertThat(events).anyMatch(e -> e.startsWith("lb-1 exec ") && e.contains("tok_123")); // removed again from lb-1
    }

    private static Cluster pair(Acme.RenewOn renewOn) {
        Acme acme = new Acme("letsencrypt-staging", "ops@crater.io", List.of(), Acme.Challenge.HTTP_01, null, renewOn);
        Tls tls = Tls.acme("crater", "crater.io", acme);
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()),
                Balancer.defaults().withTls(tls).withFailover(new Failover("203.0.113.10", 51, "eth1")), List.of(
                Server.of("lb-1", Role.BALANCER, "198.51.100.2").withAddresses("198.51.100.2", "10.0.1.2")
                    .withProvider("digitalocean", "3164444", "nyc3", "s-1vcpu-1gb"),
                Server.of("lb-2", Role.BALANCER, "198.51.100.3").withAddresses("198.51.100.3", "10.0.1.3")
                    .withProvider("digitalocean", "3164445", "nyc3", "s-1vcpu-1gb"),
                Server.of("app-1", Role.APP, "10.0.1.11")));
    }

    @Test
    void renewalsOnTheBalancerAreRefusedForAPairAndOrrerysAreNot() throws Exception {
        assertThatThrownBy(() -> CertificateWork.requireAcme(pair(Acme.RenewOn.BALANCER))).isInstanceOf(TlsException.class)
                .hasMessageContaining("do not work for a failover pair").hasMessageContaining("renewOn to orrery");
        CertificateWork.requireAcme(pair(Acme.RenewOn.ORRERY));
    }

    private static CertificateStatus status(String lb, Instant notAfter, String error, boolean alarm) {
        CertificateFacts facts = notAfter == null ? null : new CertificateFacts("crater.io", List.of("crater.io"), "Pebble", Instant.EPOCH, notAfter, "01", "ab");
        return new CertificateStatus("crater", lb, List.of("crater.io"), "ca", "Orrery", facts, error, null, 0, null, alarm,
                alarm ? "renew" : null, Instant.EPOCH);
    }

    @Test
    void theWorseBalancersStatusIsTheOneActedOn() {
        Instant soon = Instant.parse("2027-01-10T00:00:00Z");
        Instant later = Instant.parse("2027-02-20T00:00:00Z");
        assertThat(CertificateStatusReader.worst(List.of(status("lb-1", later, null, false), status("lb-2", soon, null, false))).balancer())
                .isEqualTo("lb-2");
        assertThat(CertificateStatusReader.worst(List.of(status("lb-1", later, null, false), status("lb-2", null, "refused", false))).balancer())
                .isEqualTo("lb-2");
        assertThat(CertificateStatusReader.worst(List.of(status("lb-1", later, null, true), status("lb-2", soon, null, false))).balancer())
                .isEqualTo("lb-1");
    }
}
