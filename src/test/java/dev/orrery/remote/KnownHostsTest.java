package dev.orrery.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** known_hosts logic: unknown, known, changed, revoked, hashed names, ports, patterns, recording. */
class KnownHostsTest {
    // made with ssh-keygen; fingerprints as `ssh-keygen -l -E sha256` printed them
    static final HostKey A = HostKey.parse("ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIBQ64WtlxyhsUy5Y9FeHgcJJ2wNMsbRPJAjxfoy/MGsd");
    static final String A_FP = "SHA256:f0gBD7MDs1rGRt0v+km6gW5cuUYSHrotToZ7UMfJkKA";
    static final HostKey B = HostKey.parse("ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIEEYJe2iAxhuLIoKoNlSvrWSwsM4xGctaLpATIo+LBhL");
    static final String B_FP = "SHA256:xNC6+R3nw/AaVuGNRjRPwOiVubYXGl/uJj9dsbHoSi0";
    static final HostKey R = HostKey.parse("ssh-rsa", "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC6wgzNkk+9Qd/jWbbwY6LykhXu8eboUximJaqFqE1OEWtZIMnCeWTztYSSfA5kNP2yWYBWPODB5+O58irdwXo4AndKlXpsEXszMZ1BoFjyWg2R2q/sy5sU2djKUAwywWmQlTJK03cJb7dBw8+ViddmcMgUlkTkrStimQvVMUQj0Q==");
    static final String R_FP = "SHA256:0wcqPwj/Lzk2e06bsn6VEhltRYpbpYdAMYRrxD4JyDg";

    @TempDir
    Path dir;

    private OrreryKnownHosts known(String orreryFile, String userFile) throws Exception {
        Path o = dir.resolve("orrery_known_hosts");
        Path u = dir.resolve("user_known_hosts");
        if (orreryFile != null) {
            Files.writeString(o, orreryFile);
        }
        if (userFile != null) {
            Files.writeString(u, userFile);
        }
        return new OrreryKnownHosts(o, List.of(u));
    }

    @Test
    void fingerprintsAreOpenSshSha256WithoutPadding() {
        assertThat(A.fingerprint()).isEqualTo(A_FP);
        assertThat(B.fingerprint()).isEqualTo(B_FP);
        assertThat(R.fingerprint()).isEqualTo(R_FP);
    }

    @Test
    void unknownWhenNoFileNamesTheHost() throws Exception {
        OrreryKnownHosts k = known("other.example.com ssh-ed25519 " + B.base64() + "\n", null);
        assertThat(k.check("203.0.113.7", 22, A)).isInstanceOf(HostKeyCheck.Unknown.class);
        assertThat(new OrreryKnownHosts(dir.resolve("missing"), List.of(dir.resolve("missing2"))).check("h", 22, A))
                .isInstanceOf(HostKeyCheck.Unknown.class);
    }

    @Test
    void knownWhenALineListsThisKeyInEitherFile() throws Exception {
        OrreryKnownHosts k = known("# comment\n\n203.0.113.7 ssh-ed25519 " + A.base64() + "\n",
                "10.0.0.5,web ssh-rsa " + R.base64() + " comment here\n");
        assertThat(k.check("203.0.113.7", 22, A)).isEqualTo(new HostKeyCheck.Known(dir.resolve("orrery_known_hosts"), 3));
        assertThat(k.check("web", 22, R)).isEqualTo(new HostKeyCheck.Known(dir.resolve("user_known_hosts"), 1));
        assertThat(k.check("10.0.0.5", 22, R)).isInstanceOf(HostKeyCheck.Known.class);
    }

    @Test
    void changedWhenTheHostIsListedWithAnotherKeyNamingFileAndLine() throws Exception {
        OrreryKnownHosts k = known("x ssh-ed25519 " + B.base64() + "\n203.0.113.7 ssh-ed25519 " + A.base64() + "\n", null);
        HostKeyCheck c = k.check("203.0.113.7", 22, B);
        assertThat(c).isEqualTo(new HostKeyCheck.Changed(dir.resolve("orrery_known_hosts"), 2, A));
        // another key type for a known host is not a reason to trust it either
        assertThat(k.check("203.0.113.7", 22, R)).isInstanceOf(HostKeyCheck.Changed.class);
        String warning = KnownHostsVerifier.changedWarning("203.0.113.7", 22, B, (HostKeyCheck.Changed) c);
        assertThat(warning).contains("HAS CHANGED").contains(B_FP).contains(A_FP)
                .contains(dir.resolve("orrery_known_hosts") + " line 2").contains("ssh-keygen -R 203.0.113.7");
    }

    @Test
    void hashedNamesMatchTheirHostAndPortOnly() throws Exception {
        // ssh-keygen -H of "web.example.com <A>" and "[web.example.com]:2222 <B>"
        OrreryKnownHosts k = known(null,
                "|1|eRyQnxAzUQmAnSZ/VdOFVKQKGrI=|225s56HQ02kMdh4n8FnfFt53dJw= ssh-ed25519 " + A.base64() + "\n"
                        + "|1|J/Xj03dm9inX7VuvWmXg+ZnV0q0=|xmdNt9//Dyi7VkRDb4lhjEYioyo= ssh-ed25519 " + B.base64() + "\n");
        assertThat(k.check("web.example.com", 22, A)).isInstanceOf(HostKeyCheck.Known.class);
        assertThat(k.check("web.example.com", 2222, B)).isInstanceOf(HostKeyCheck.Known.class);
        assertThat(k.check("web.example.com", 22, B)).isInstanceOf(HostKeyCheck.Changed.class);
        assertThat(k.check("web.example.org", 22, A)).isInstanceOf(HostKeyCheck.Unknown.class);
        assertThat(k.check("web.example.com", 2200, A)).isInstanceOf(HostKeyCheck.Unknown.class);
    }

    @Test
    void portsWildcardsNegationAndRevokedKeys() throws Exception {
        OrreryKnownHosts k = known(null, String.join("\n",
                "[10.0.0.9]:2222 ssh-ed25519 " + A.base64(),
                "*.example.net,!bad.example.net ssh-ed25519 " + B.base64(),
                "@revoked * ssh-rsa " + R.base64(),
                "@cert-authority *.example.org ssh-ed25519 " + A.base64(),
                "garbage line",
                "h ssh-ed25519 !!!notbase64!!!", ""));
        assertThat(k.check("10.0.0.9", 2222, A)).isInstanceOf(HostKeyCheck.Known.class);
        assertThat(k.check("10.0.0.9", 22, A)).isInstanceOf(HostKeyCheck.Unknown.class);
        assertThat(k.check("app.example.net", 22, B)).isInstanceOf(HostKeyCheck.Known.class);
        assertThat(k.check("bad.example.net", 22, B)).isInstanceOf(HostKeyCheck.Unknown.class);
        assertThat(k.check("anything", 22, R)).isEqualTo(new HostKeyCheck.Revoked(dir.resolve("user_known_hosts"), 3));
        assertThat(k.check("x.example.org", 22, A)).as("CA lines are not host keys").isInstanceOf(HostKeyCheck.Unknown.class);
        assertThat(k.knownTypes("app.example.net", 22)).containsExactly("ssh-ed25519");
    }

    @Test
    void recordAppendsToOrrerysFileOnlyAndNeverOverAChangedKey() throws Exception {
        OrreryKnownHosts k = known(null, "203.0.113.7 ssh-ed25519 " + A.base64() + "\n");
        Path mine = k.orreryFile();
        k.record("198.51.100.4", 22, B);
        k.record("198.51.100.4", 2222, A);
        k.record("198.51.100.4", 22, B); // already known: not written twice
        assertThat(Files.readAllLines(mine)).containsExactly(
                "198.51.100.4 ssh-ed25519 " + B.base64(),
                "[198.51.100.4]:2222 ssh-ed25519 " + A.base64());
        assertThat(k.check("198.51.100.4", 2222, A)).isInstanceOf(HostKeyCheck.Known.class);
        assertThatThrownBy(() -> k.record("203.0.113.7", 22, B)).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(dir.resolve("user_known_hosts"))).isEqualTo("203.0.113.7 ssh-ed25519 " + A.base64() + "\n");
    }

    @Test
    void verifierAsksOnlyAboutUnknownKeysAndRecordsAcceptedOnes() throws Exception {
        OrreryKnownHosts k = known("known.example ssh-ed25519 " + A.base64() + "\n", null);
        java.util.List<String> asked = new java.util.ArrayList<>();
        HostKeyPrompt prompt = (host, type, fp) -> asked.add(host + " " + fp);
        KnownHostsVerifier v = new KnownHostsVerifier(k, prompt, "app-1");
        java.security.PublicKey pubA = toPublicKey(A);
        java.security.PublicKey pubB = toPublicKey(B);
        assertThat(v.verify("known.example", 22, pubA)).isTrue();
        assertThat(v.verify("known.example", 22, pubB)).isFalse();
        assertThat(v.refusal()).contains("HAS CHANGED");
        assertThat(asked).isEmpty();
        assertThat(v.verify("new.example", 22, pubB)).isTrue();
        assertThat(asked).containsExactly("app-1 (new.example) " + B_FP);
        assertThat(k.check("new.example", 22, B)).isInstanceOf(HostKeyCheck.Known.class);
        assertThat(new KnownHostsVerifier(k, HostKeyPrompt.REFUSE, "x").verify("other.example", 22, pubA)).isFalse();
    }

    static java.security.PublicKey toPublicKey(HostKey k) throws Exception {
        return new net.schmizz.sshj.common.Buffer.PlainBuffer(k.blob()).readPublicKey();
    }
}
