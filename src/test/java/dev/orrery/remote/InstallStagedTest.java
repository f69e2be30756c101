package dev.orrery.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privileged step of a non-root user's upload, run through the real local /bin/sh: the
 * staged file's hash is checked, it lands beside the final name owned by root with the asked
 * mode, is renamed over the final name, and the staged copy goes. (chown 0:0 needs root, which
 * the build runs as here and in CI; as another user the step fails and the target is untouched.)
 */
class InstallStagedTest {
    @TempDir
    Path dir;

    private final LocalHost sh = new LocalHost();

    @Test
    void movesOnlyWhenTheHashMatchesWithTheModeAndNoLeftovers() throws Exception {
        Path staged = Files.writeString(dir.resolve("staged it's $(x)"), "secret\n");
        Path target = dir.resolve("etc/new dir/key; `y`.pem");
        String temp = UploadPaths.temp(target.toString());
        String sha = Sha256.hex("secret\n".getBytes());

        ExecResult wrong = sh.exec(SftpUpload.installStaged(staged.toString(), temp, target.toString(), "0".repeat(64), 0600), LineListener.IGNORE);
        assertThat(wrong.exitCode()).isEqualTo(86);
        assertThat(Sha256.fromSha256sum(wrong.output())).isEqualTo(sha);
        assertThat(target).doesNotExist();
        assertThat(staged).exists();

        boolean asRoot = "root".equals(System.getProperty("user.name"));
        ExecResult right = sh.exec(SftpUpload.installStaged(staged.toString(), temp, target.toString(), sha, 0600), LineListener.IGNORE);
        if (!asRoot) {
            assertThat(right.exitCode()).isEqualTo(1);
            assertThat(target).doesNotExist();
            assertThat(Path.of(temp)).doesNotExist();
            return;
        }
        assertThat(right.exitCode()).as(right.output()).isZero();
        assertThat(Files.readString(target)).isEqualTo("secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        assertThat(Files.getOwner(target).getName()).isEqualTo("root");
        assertThat(staged).doesNotExist();
        assertThat(Path.of(temp)).doesNotExist();
    }

    @Test
    void replacesAnExistingFileWithMode644() throws Exception {
        Path target = Files.writeString(dir.resolve("nginx.conf"), "old");
        Path staged = Files.writeString(dir.resolve("staged"), "new");
        ExecResult r = sh.exec(SftpUpload.installStaged(staged.toString(), UploadPaths.temp(target.toString()), target.toString(),
                Sha256.hex("new".getBytes()), 0644), LineListener.IGNORE);
        if (!"root".equals(System.getProperty("user.name"))) {
            assertThat(Files.readString(target)).isEqualTo("old");
            return;
        }
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }
}
