package dev.orrery.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaped laptop link: what this machine sends to a host goes through the shaper on the bridge,
 * what one host sends to another does not. Checked by the shaper's byte counters, never by timing
 * (the rate itself is shown by DeployBenchmark's figures).
 */
class LaptopLinkIT {

    @Test
    void laptopTrafficIsShapedHostToHostIsNot() throws Exception {
        try (TestHosts hosts = TestHosts.start(2, LaptopLink.laptop(50, 40))) {
            System.out.println("laptop link: " + hosts.laptopLinkNote());
            assertThat(hosts.laptopLinkStats()).containsAnyOf("netem", "tbf").contains("50Mbit");
            TestHost a = hosts.get(0);
            TestHost b = hosts.get(1);

            // laptop -> host a over real ssh: 3 MB
            long before = sent(hosts);
            Path payload = hosts.scratch("link").resolve("payload");
            Files.write(payload, new byte[3_000_000]);
            Path known = Files.writeString(hosts.scratch("link").resolve("known_hosts"), a.knownHostsLine() + "\n");
            Sys.Result r = Sys.run("sh", "-c", "ssh -i \"$1\" -o BatchMode=yes -o UserKnownHostsFile=\"$2\" -o GlobalKnownHostsFile=/dev/null "
                    + "root@\"$3\" 'wc -c >/tmp/got' < \"$4\"", "sh", a.privateKey().toString(), known.toString(), a.address(), payload.toString());
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(a.exec("cat", "/tmp/got").output().strip()).isEqualTo("3000000");
            long afterLaptop = sent(hosts);
            assertThat(afterLaptop - before).as("bytes through the shaper for 3 MB laptop -> host").isGreaterThan(3_000_000);

            // host a -> host b: 8 MB straight over the bridge, never through the laptop's shaper
            Spawned sink = b.spawn("python3", "-c", """
                    import socket
                    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(('%s', 9100)); s.listen(1); print('listening', flush=True)
                    c, _ = s.accept(); n = 0
                    while True:
                        d = c.recv(65536)
                        if not d: break
                        n += len(d)
                    open('/tmp/got', 'w').write(str(n))
                    """.formatted(b.address()));
            Wait.until("sink listening", 20_000, () -> sink.logText().contains("listening"));
            Sys.Result copy = a.exec("bash", "-c", "head -c 8000000 /dev/zero > /dev/tcp/" + b.address() + "/9100");
            assertThat(copy.exit()).as(copy.output()).isZero();
            Wait.until("sink got everything", 30_000, () -> "8000000".equals(b.exec("cat", "/tmp/got").output().strip()));
            assertThat(sent(hosts) - afterLaptop).as("bytes through the shaper while host a sent 8 MB to host b").isLessThan(1_000_000);
        }
    }

    private static long sent(TestHosts hosts) {
        Matcher m = Pattern.compile("Sent (\\d+) bytes").matcher(hosts.laptopLinkStats());
        List<Long> all = m.results().map(x -> Long.parseLong(x.group(1))).toList();
        assertThat(all).as("shaper counters").isNotEmpty();
        return all.get(0);
    }
}
