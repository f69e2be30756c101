package dev.orrery.bench;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.mac.Macs;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.mac.MAC;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;

/**
 * Benchmark (not a test): CPU per SSH packet of sshj's ciphers as Orrery's connections use them,
 * to choose the cipher order for many small packets (a metrics sample is one ~1.5 KB packet, a
 * request a ~100-byte one) against bulk uploads (32 KB packets). Each packet is sealed the way
 * sshj's encoder does it: AES-GCM re-initialises its JCE cipher for every packet (new nonce);
 * AES-CTR keeps its key stream and adds an encrypt-then-MAC HMAC-SHA2-256; ChaCha20-Poly1305 is
 * sshj's own. Prints thread CPU µs per packet. Run:
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" dev.orrery.bench.SshCipherBench</pre>
 */
public final class SshCipherBench {

    interface Sealer {
        void seal(byte[] packet, int len, long seq);
    }

    public static void main(String[] args) {
        SecureRandom r = new SecureRandom();
        byte[] key = new byte[64];
        byte[] iv = new byte[32];
        r.nextBytes(key);
        r.nextBytes(iv);
        for (int size : new int[] {112, 1504, 32768}) {
            System.out.printf("%6d-byte packets:", size);
            for (String name : new String[] {"aes128-gcm", "aes128-ctr+hmac-sha2-256-etm", "chacha20-poly1305"}) {
                Sealer s = sealer(name, key, iv);
                byte[] buf = new byte[size + 64];
                r.nextBytes(buf);
                int n = size < 10_000 ? 200_000 : 20_000;
                run(s, buf, size, n / 4); // warm-up: JIT and intrinsics
                double us = run(s, buf, size, n);
                System.out.printf("  %s %.2f µs", name, us);
            }
            System.out.println();
        }
    }

    private static double run(Sealer s, byte[] buf, int size, int n) {
        var threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            s.seal(buf, size, i);
        }
        return (threads.getCurrentThreadCpuTime() - t0) / 1e3 / n;
    }

    private static Sealer sealer(String name, byte[] key, byte[] iv) {
        switch (name) {
            case "aes128-gcm" -> {
                Cipher c = GcmCiphers.AES128GCM().create();
                c.init(Cipher.Mode.Encrypt, key, iv);
                return (p, len, seq) -> c.updateWithAAD(p, 0, 4, len - 4); // the tag lands after the packet
            }
            case "aes128-ctr+hmac-sha2-256-etm" -> {
                Cipher c = BlockCiphers.AES128CTR().create();
                c.init(Cipher.Mode.Encrypt, key, iv);
                MAC m = Macs.HMACSHA2256Etm().create();
                m.init(key);
                return (p, len, seq) -> {
                    c.update(p, 4, len - 4);
                    m.update(seq);
                    m.update(p, 0, len);
                    m.doFinal(p, len);
                };
            }
            default -> {
                Cipher c = ChachaPolyCiphers.CHACHA_POLY_OPENSSH().create();
                c.init(Cipher.Mode.Encrypt, key, iv);
                return (p, len, seq) -> {
                    c.setSequenceNumber(seq);
                    c.updateWithAAD(p, 0, 4, len - 4);
                };
            }
        }
    }
}
