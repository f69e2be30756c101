package dev.orrery.bench;

import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import dev.orrery.remote.Command;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;
import dev.orrery.remote.UploadListener;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Not a test: uploads the same 50 MB file to a test host with Orrery (SFTP + remote sha256sum +
 * atomic rename, over the pooled connection) and with OpenSSH {@code scp} (a new connection
 * each time, no verification), {@value #ROUNDS} rounds each after one warm-up, and prints the
 * medians and the ratio. Needs what the integration tests need (root, sshd). Run:
 *
 * <pre>mvn -o -q -Pit test-compile exec:java -Dexec.mainClass=dev.orrery.bench.UploadBenchmark -Dexec.classpathScope=test</pre>
 */
public final class UploadBenchmark {
    private static final int MB = 50;
    private static final int ROUNDS = 5;

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (TestHosts hosts = TestHosts.start(1)) {
            TestHost h = hosts.get(0);
            Path dir = hosts.scratch("bench");
            Path file = dir.resolve("payload.bin");
            writeRandom(file);
            Path known = dir.resolve("known_hosts");
            Files.writeString(known, h.knownHostsLine() + "\n");

            SshConnector connector = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(known, List.of()),
                    HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
            List<Long> orrery = new ArrayList<>();
            List<Long> scp = new ArrayList<>();
            List<Long> hash = new ArrayList<>();
            try (SshHost ssh = new SshHost(SshTarget.of(h.name(), h.address(), h.sshPort(), h.user(), h.privateKey()), connector, null)) {
                ssh.run(Command.of("true")); // connect once: jobs reuse the pooled connection
                for (int round = 0; round <= ROUNDS; round++) {
                    long t0 = System.nanoTime();
                    ssh.upload(file, "/srv/bench/orrery.bin", UploadListener.IGNORE);
                    long t1 = System.nanoTime();
                    Sys.run("scp", "-q", "-i", h.privateKey().toString(), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                            "-o", "UserKnownHostsFile=" + known, "-o", "GlobalKnownHostsFile=/dev/null",
                            file.toString(), h.user() + "@" + h.address() + ":/srv/bench/scp.bin").orThrow("scp");
                    long t2 = System.nanoTime();
                    h.exec("sha256sum", "/srv/bench/scp.bin").orThrow("sha256sum");
                    long t3 = System.nanoTime();
                    if (round > 0) { // round 0 warms up the JIT and the page cache
                        orrery.add(t1 - t0);
                        scp.add(t2 - t1);
                        hash.add(t3 - t2);
                    }
                }
                String sums = ssh.run(Command.trusted("sha256sum /srv/bench/orrery.bin /srv/bench/scp.bin")).output();
                if (sums.lines().map(l -> l.split("\\s+")[0]).distinct().count() != 1) {
                    throw new IllegalStateException("the two uploads differ:\n" + sums);
                }
            }
            double o = median(orrery) / 1e6;
            double s = median(scp) / 1e6;
            System.out.printf("upload of %d MB to a test host, median of %d rounds%n", MB, ROUNDS);
            System.out.printf("  orrery (SFTP + sha256sum + rename, pooled connection): %7.0f ms  (%.0f MB/s)%n", o, MB / (o / 1000));
            System.out.printf("  scp (new connection, no verification):                 %7.0f ms  (%.0f MB/s)%n", s, MB / (s / 1000));
            System.out.printf("  ratio orrery / scp: %.2f%n", o / s);
            System.out.printf("  (of which the server's sha256sum of %d MB alone, run on the host directly: %.0f ms)%n", MB, median(hash) / 1e6);
        }
    }

    private static void writeRandom(Path file) throws Exception {
        byte[] chunk = new byte[1 << 20];
        Random r = new Random(1);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < MB; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    private static long median(List<Long> xs) {
        List<Long> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
