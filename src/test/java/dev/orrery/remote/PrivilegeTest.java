package dev.orrery.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The one place sudo enters a shell line: what it adds, what it leaves alone, and how it refuses. */
class PrivilegeTest {
    @TempDir
    Path dir;

    private final Privilege root = Privilege.forLogin("root");
    private final Privilege deploy = Privilege.forLogin("deploy");

    @Test
    void rootRunsCommandsAsTheyAre() {
        Command c = Command.of("systemctl", "reload", "nginx").and(Command.of("echo", "it's done"));
        assertThat(root.usesSudo()).isFalse();
        assertThat(root.line(c)).isEqualTo(c.line());
    }

    @Test
    void anotherUserRunsTheWholeLineThroughSudoWithoutAPrompt() {
        Command c = Command.of("mkdir", "-p", "/opt/app").and(Command.of("ln", "-sfn", "a b", "/opt/app/current"));
        assertThat(deploy.usesSudo()).isTrue();
        assertThat(deploy.line(c)).isEqualTo("sudo -n -- sh -c " + Shell.quote(c.line()));
    }

    @Test
    void loginUserCommandsAreNeverWrappedAndCombiningKeepsThatOnlyWhenBothAre() {
        Command mine = Command.of("id", "-u").asLoginUser();
        assertThat(deploy.line(mine)).isEqualTo("id -u");
        assertThat(mine.describedAs("who").loginUser()).isTrue();
        assertThat(mine.and(Command.of("id", "-g").asLoginUser()).loginUser()).isTrue();
        assertThat(mine.and(Command.of("rm", "-rf", "/opt/x")).loginUser()).isFalse();
        assertThat(mine.then(Command.of("rm", "-rf", "/opt/x")).loginUser()).isFalse();
        assertThat(mine.orElse(Command.of("rm", "-rf", "/opt/x")).loginUser()).isFalse();
        assertThat(Privilege.probe().loginUser()).isTrue();
        assertThat(Privilege.probe().line()).isEqualTo("sudo -n -- true");
    }

    /** The wrapped line, run by the real /bin/sh with a sudo that only checks -n and runs the rest: the inner line arrives intact. */
    @Test
    void theWrappedLineRunsTheSameProgramWithHostileText() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = Files.writeString(bin.resolve("sudo"), "#!/bin/sh\n[ \"$1\" = -n ] || exit 99\nshift\n[ \"$1\" = -- ] && shift\nexec \"$@\"\n");
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = dir.resolve("out's $(x) `y`");
        String hostile = "a'b \"c\" $(touch pwned) `touch pwned2`; ; \\ \n z";
        Command c = Command.of("printf", "%s|", hostile, "second").writingTo(out.toString()).and(Command.trusted("echo $((1+2))"));
        LocalHost sh = new LocalHost();
        ExecResult r = sh.exec(Command.trusted("PATH=" + Shell.quote(bin.toString()) + ":$PATH; " + deploy.line(c)), LineListener.IGNORE);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("3");
        assertThat(Files.readString(out)).isEqualTo(hostile + "|second|");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void passwordSudoIsRefusedNamingTheSudoersLine() {
        SudoRefusedException e = deploy.refusal("app-1 (deploy@10.0.1.5)", new ExecResult(1, List.of("sudo: a password is required")));
        assertThat(e.getMessage()).startsWith("app-1 (deploy@10.0.1.5): ")
                .contains("asks for a password").contains("sudo -n")
                .contains("deploy ALL=(ALL) NOPASSWD: ALL").contains("visudo -f /etc/sudoers.d/orrery");
    }

    @Test
    void noSudoAtAllAndNoSudoersEntryAreSaidAsSuch() {
        assertThat(deploy.refusal("h", new ExecResult(127, List.of("bash: sudo: command not found"))).getMessage())
                .contains("sudo is not installed").contains("deploy ALL=(ALL) NOPASSWD: ALL");
        assertThat(deploy.refusal("h", new ExecResult(1, List.of("deploy is not in the sudoers file."))).getMessage())
                .contains("deploy may not use sudo").contains("NOPASSWD");
        assertThat(deploy.refusal("h", new ExecResult(1, List.of("sudo: something odd"))).getMessage())
                .contains("exit 1").contains("something odd").contains("NOPASSWD");
    }

    /** No command builds its own sudo: Privilege is the only main source that writes one into a shell line. */
    @Test
    void nothingElseBuildsSudo() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("dev/orrery/remote/Privilege.java")))
                    .filter(p -> {
                        try {
                            // code lines only: comments may name sudo
                            return Files.readAllLines(p).stream().map(String::strip)
                                    .filter(l -> !l.startsWith("*") && !l.startsWith("/*") && !l.startsWith("//"))
                                    .anyMatch(l -> l.contains("(\"sudo\"") || l.contains("sudo -n") || l.contains("sudo --"));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(offenders).isEmpty();
        }
    }
}
