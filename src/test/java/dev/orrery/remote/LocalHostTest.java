package dev.orrery.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** This machine as a Host: /bin/sh with the same command lines, verified atomic copies. */
class LocalHostTest {
    @TempDir
    Path dir;

    private final LocalHost host = new LocalHost("sandbox");

    @Test
    void execStreamsMergedOutputAndReturnsTheExitCode() throws Exception {
        List<String> lines = new ArrayList<>();
        ExecResult r = host.exec(Command.trusted("echo out; echo err >&2; exit 4"), lines::add);
        assertThat(lines).containsExactly("out", "err");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThatThrownBy(() -> host.run(Command.of("sh", "-c", "echo boom; exit 9").describedAs("explode")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("sandbox: `explode` exited with 9:\n  boom");
    }

    @Test
    void keepsOnlyTheLastLinesForErrors() throws Exception {
        ExecResult r = host.exec(Command.trusted("i=0; while [ $i -lt 100 ]; do echo line$i; i=$((i+1)); done"), LineListener.IGNORE);
        assertThat(r.lastLines()).hasSize(OutputLines.KEPT).endsWith("line99").startsWith("line" + (100 - OutputLines.KEPT));
    }

    @Test
    void hostileArgumentsStayLiteral() throws Exception {
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "x");
        String hostile = "$(rm " + victim + ")`rm " + victim + "`'; rm " + victim + "; '";
        assertThat(host.run(Command.of("printf", "%s", hostile)).output()).isEqualTo(hostile);
        assertThat(victim).exists();
    }

    @Test
    void uploadAndWriteLandAtomicallyWithProgressAndNoTemporaryLeftovers() throws Exception {
        Path src = dir.resolve("src.bin");
        byte[] data = new byte[300_000];
        new java.util.Random(1).nextBytes(data);
        Files.write(src, data);
        List<Long> progress = new ArrayList<>();
        String target = dir.resolve("releases/v1/app.tar.gz").toString();
        host.upload(src, target, (bytes, total) -> progress.add(bytes));
        assertThat(Files.readAllBytes(Path.of(target))).isEqualTo(data);
        assertThat(progress).startsWith(0L).endsWith(300_000L).isSorted();

        host.write("a\n".getBytes(), dir.resolve("conf/app.conf").toString());
        host.write("b\n".getBytes(), dir.resolve("conf/app.conf").toString());
        assertThat(Files.readString(dir.resolve("conf/app.conf"))).isEqualTo("b\n");
        try (var files = Files.list(dir.resolve("conf"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("app.conf");
        }
    }

    @Test
    void writeWithAModeHasExactlyThosePermissions() throws Exception {
        Path key = dir.resolve("tls/site.key");
        host.write("secret".getBytes(), key.toString(), 0600);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        host.write("script".getBytes(), dir.resolve("bin/run").toString(), 0775);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bin/run")))).isEqualTo("rwxrwxr-x");
        host.write("conf".getBytes(), dir.resolve("app.conf").toString());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("app.conf")))).isEqualTo("rw-r--r--");
    }

    @Test
    void relativeTargetsAndMissingSourcesAreRefusedClearly() {
        assertThatThrownBy(() -> host.write("x".getBytes(), "relative/path")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> host.upload(dir.resolve("missing"), dir.resolve("t").toString(), UploadListener.IGNORE))
                .isInstanceOf(RemoteException.class).hasMessageContaining("cannot read " + dir.resolve("missing"));
        assertThat(dir.resolve("t")).doesNotExist();
    }
}
