package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer's renewal files as text and as their own tools read them: the units pass
 * {@code systemd-analyze verify}, the script {@code sh -n}, dehydrated's configuration
 * {@code bash -n}. (The script's behaviour is tested by running it on a test host against
 * Pebble: TlsTimerNginxIT, TlsTimerHaproxyIT.)
 */
@RequiresCommands({"systemd-analyze", "sh", "bash"})
class RenewalScriptTest {
    @TempDir
    Path tmp;

    static Cluster cluster(BalancerKind kind) {
        Cluster c = RenewalSchedulerTest.cluster("crater", Acme.RenewOn.BALANCER);
        var tls = c.balancer().tls();
        return c.withBalancer(new dev.orrery.model.Balancer(kind, c.balancer().stickiness(), c.balancer().healthCheck(),
                tls.withAcme(tls.acme().withNames(List.of("www.crater.example.com"))), 80, 443, List.of()));
    }

    private RenewalScript script(BalancerKind kind, RenewalScript.Paths paths) {
        return new RenewalScript(cluster(kind), BalancerLayout.droplet(kind), AcmeCa.LETSENCRYPT_URL, true, paths);
    }

    private static String run(Path dir, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
        return out;
    }

    @Test
    void theUnitsPassSystemdAnalyzeVerify() throws Exception {
        RenewalScript.Paths p = RenewalScript.Paths.of("crater").under(tmp.toString());
        RenewalScript s = script(BalancerKind.NGINX, p);
        Files.createDirectories(Path.of(p.dir()));
        Path script = Files.write(Path.of(p.script()), s.script());
        script.toFile().setExecutable(true, true);
        Path service = Files.write(tmp.resolve(p.service()), s.serviceUnit());
        Path timer = Files.write(tmp.resolve(p.timer()), s.timerUnit());
        String out = run(tmp, "systemd-analyze", "verify", service.toString(), timer.toString());
        assertThat(out).doesNotContain(p.service() + ":").doesNotContain(p.timer() + ":");
        assertThat(new String(s.timerUnit(), StandardCharsets.UTF_8)).contains("OnCalendar=*-*-* 03:17:00", "RandomizedDelaySec=3600",
                "Persistent=true", "WantedBy=timers.target");
        assertThat(new String(s.serviceUnit(), StandardCharsets.UTF_8)).contains("Type=oneshot", "ExecStart=" + p.script());
    }

    @Test
    void theScriptAndDehydratedsConfigurationParse() throws Exception {
        for (BalancerKind kind : BalancerKind.programs()) {
            RenewalScript s = script(kind, RenewalScript.Paths.of("crater"));
            Path script = Files.write(tmp.resolve("renew-" + kind + ".sh"), s.script());
            Path conf = Files.write(tmp.resolve("dehydrated-" + kind + ".conf"), s.dehydratedConfig());
            Path hook = Files.write(tmp.resolve("hook-" + kind + ".sh"), s.hook());
            run(tmp, "sh", "-n", script.toString());
            run(tmp, "bash", "-n", conf.toString());
            run(tmp, "sh", "-n", hook.toString());
        }
    }

    @Test
    void theValuesAreTheClustersAndQuoted() {
        String nginx = new String(script(BalancerKind.NGINX, RenewalScript.Paths.of("crater")).script(), StandardCharsets.UTF_8);
        assertThat(nginx).contains("KIND=nginx\n", "NAMES='crater.example.com www.crater.example.com'\n",
                "CERT=/etc/orrery/tls/crater/fullchain.pem\n", "KEY=/etc/orrery/tls/crater/privkey.pem\n", "RENEW_DAYS=30\n",
                "CHECK=127.0.0.1:443\n", "STATE=/var/lib/orrery/tls/crater\n");
        String conf = new String(script(BalancerKind.HAPROXY, RenewalScript.Paths.of("crater")).dehydratedConfig(), StandardCharsets.UTF_8);
        assertThat(conf).contains("CA=https://acme-v02.api.letsencrypt.org/directory\n", "WELLKNOWN=/var/lib/orrery/acme/challenge\n",
                "HOOK=/var/lib/orrery/tls/crater/hook.sh\n", "CURL_OPTS='--cacert /var/lib/orrery/tls/crater/ca.pem'\n");
        String hook = new String(script(BalancerKind.HAPROXY, RenewalScript.Paths.of("crater")).hook(), StandardCharsets.UTF_8);
        assertThat(hook).contains("MAP=/var/lib/orrery/acme/tokens.map\n", "SOCKET=/run/haproxy/admin.sock\n", "add map $MAP $3 $4");
    }

    @Test
    void withoutSystemdTheSameCheckRunsFromCron() {
        String cron = new String(script(BalancerKind.NGINX, RenewalScript.Paths.of("crater")).cronLine(), StandardCharsets.UTF_8);
        assertThat(cron).endsWith("17 3 * * * root /var/lib/orrery/tls/crater/renew.sh >> /var/log/orrery-tls-renew-crater.log 2>&1\n");
        assertThat(RenewalScript.Paths.of("crater").cronFile()).isEqualTo("/etc/cron.d/orrery-tls-renew-crater"); // cron.d names: no dots
    }
}
