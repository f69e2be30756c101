package dev.orrery.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The server-side step of a verified upload, run through the real local /bin/sh. */
class VerifyAndRenameTest {
    @TempDir
    Path dir;

    private final LocalHost sh = new LocalHost();

    @Test
    void renamesOnlyWhenTheHashMatches() throws Exception {
        Path temp = dir.resolve(".it's $(odd) back\\slash.tmp");
        Path target = dir.resolve("final name; `x`");
        Files.writeString(temp, "hello\n");
        String sha = Sha256.hex("hello\n".getBytes());

        ExecResult wrong = sh.exec(SftpUpload.verifyAndRename(temp.toString(), target.toString(), "0".repeat(64)), LineListener.IGNORE);
        assertThat(wrong.exitCode()).isEqualTo(86);
        assertThat(Sha256.fromSha256sum(wrong.output())).isEqualTo(sha);
        assertThat(target).doesNotExist();
        assertThat(temp).exists();

        ExecResult right = sh.exec(SftpUpload.verifyAndRename(temp.toString(), target.toString(), sha), LineListener.IGNORE);
        assertThat(right.exitCode()).isZero();
        assertThat(Files.readString(target)).isEqualTo("hello\n");
        assertThat(temp).doesNotExist();
    }

    @Test
    void aMissingTemporaryFileFailsWithoutTouchingTheTarget() throws Exception {
        Path target = dir.resolve("target");
        Files.writeString(target, "old");
        ExecResult r = sh.exec(SftpUpload.verifyAndRename(dir.resolve("nope").toString(), target.toString(), "0".repeat(64)), LineListener.IGNORE);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void temporaryNamesStayShortHiddenAndBesideTheTarget() {
        String longName = "/srv/app/" + "x".repeat(250);
        String temp = UploadPaths.temp(longName);
        assertThat(temp).startsWith("/srv/app/.").endsWith(".tmp");
        assertThat(temp.substring("/srv/app/".length()).length()).isLessThan(130);
        assertThat(UploadPaths.temp("/a.conf")).startsWith("/.a.conf.orrery-");
        assertThat(UploadPaths.temp("/a.conf")).isNotEqualTo(UploadPaths.temp("/a.conf"));
    }
}
