package dev.orrery.tls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.cli.OrreryCli;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.Json;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orrery tls issue|status|renew CLUSTER.json} over real SSH against Pebble: issue sets the
 * cluster's ACME settings and pushes once, status reads the served certificate and the last
 * result, renew --if-due does nothing while not due, renew gets a new serial.
 */
class TlsCliIT {
    static TlsRig rig;
    static Path file;
    static Path home;

    private record Run(int exit, String out, String err) { }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OrreryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), new OrreryHome(home));
        Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ orrery " + String.join(" ", args) + "   → exit " + exit + "\n" + r.out + r.err);
        return r;
    }

    @BeforeAll
    static void start() throws Exception {
        rig = new TlsRig(BalancerKind.NGINX);
        Path dir = rig.balancer.hosts.scratch("tls-cli");
        home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("tls.json"), "{\"caCertificates\": \"" + rig.acme.trust() + "\", \"dnsServers\": \""
                + rig.acme.dnsServer() + "\"}");
        Cluster c = rig.balancer.cluster(Stickiness.CONSISTENT_HASH);
        List<Server> servers = new ArrayList<>();
        for (Server s : c.servers()) {
            servers.add(s.withSsh("root", 22, rig.balancer.hosts.clientKey().toString()));
        }
        file = dir.resolve("crater.json");
        ClusterStore.save(file, new Cluster(c.name(), c.app(), c.balancer(), servers));
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void issueStatusAndRenewFromTheCommandLine() throws Exception {
        Run noPush = cli("tls", "issue", file.toString(), "--name", TlsRig.NAME, "--alt", "www." + TlsRig.NAME,
                "--ca", rig.acme.directoryUrl(), "--email", "ops@" + TlsRig.NAME, "--accept-new-host-keys");
        assertThat(noPush.exit()).isEqualTo(1);
        assertThat(noPush.out()).contains("First the balancer's configuration is pushed once").contains("nginx reloads once");
        assertThat(noPush.err()).contains("failed at step \"push the balancer configuration\"").contains("--push");
        Cluster saved = ClusterStore.load(file);
        assertThat(saved.balancer().tls().acme().directory()).isEqualTo(rig.acme.directoryUrl());
        assertThat(saved.balancer().tls().certificateNames()).containsExactly(TlsRig.NAME, "www." + TlsRig.NAME);

        Run issued = cli("tls", "issue", file.toString(), "--push");
        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(issued.out()).contains("Order a certificate for crater.test, www.crater.test").contains("served: crater.test, www.crater.test by Pebble");
        String serial = rig.served().serial();

        Run status = cli("tls", "status", file.toString(), "--json");
        assertThat(status.exit()).as(status.err()).isZero();
        JsonNode j = Json.mapper().readTree(status.out());
        assertThat(j.at("/served/serial").asText()).isEqualTo(serial);
        assertThat(j.at("/served/issuer").asText()).contains("Pebble");
        assertThat(j.at("/last/ok").asBoolean()).isTrue();
        assertThat(j.at("/last/action").asText()).isEqualTo("issue");
        assertThat(j.at("/alarm").asBoolean()).isFalse();
        Run table = cli("tls", "status", file.toString());
        assertThat(table.out()).contains("lb-1").contains("Pebble").contains("ok ").contains("Orrery");

        Run notDue = cli("tls", "renew", file.toString(), "--if-due");
        assertThat(notDue.exit()).isZero();
        assertThat(notDue.out()).startsWith("not due: ");
        assertThat(rig.served().serial()).isEqualTo(serial);

        Run renewed = cli("tls", "renew", file.toString());
        assertThat(renewed.exit()).as(renewed.err()).isZero();
        assertThat(rig.served().serial()).isNotEqualTo(serial);
    }
}
