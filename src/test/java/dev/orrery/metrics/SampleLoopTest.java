package dev.orrery.metrics;

import dev.orrery.deploy.AppLayout;
import dev.orrery.remote.Command;
import dev.orrery.remote.Conversation;
import dev.orrery.remote.LocalHost;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sample command as a loop kept running ({@link SampleCommand#looped}), with real shells on
 * this machine: each request answers with exactly what the one-shot command prints, as often as
 * asked, in dash (Debian's /bin/sh) and bash (root's login shell on the servers).
 */
class SampleLoopTest {
    @TempDir
    Path dir;

    @Test
    void eachRequestGetsExactlyTheOneShotOutputThenTheEndLine() throws Exception {
        Command once = Command.trusted("echo 'one \\\\ two'; printf '%s\\n' '==> x <==' 'last'");
        List<String> direct = new ArrayList<>();
        new LocalHost().exec(once, direct::add);
        try (Conversation c = new LocalHost().converse(SampleCommand.looped(once))) {
            for (int i = 1; i <= 3; i++) {
                List<String> got = new ArrayList<>();
                c.ask(Integer.toString(i), SampleCommand.endLine(Integer.toString(i)), got::add, 30_000);
                assertThat(got).isEqualTo(direct).containsExactly("one \\ two", "==> x <==", "last");
            }
        }
    }

    @Test
    void theLoopedSampleParsesLikeTheOneShotInDash() throws Exception {
        sameFilesAndParses(SampleCommand.system(), "/bin/sh");
    }

    @Test
    void theLoopedSampleParsesLikeTheOneShotInBash() throws Exception {
        sameFilesAndParses(SampleCommand.system(), "bash");
    }

    @Test
    void theAppProcessIsReadInTheLoopToo() throws Exception {
        Path base = dir.resolve("srv");
        AppLayout layout = new AppLayout(base.toString(), "shop", true);
        Files.createDirectories(Path.of(layout.runDir()));
        Files.writeString(Path.of(layout.runDir(), "app.pid"), ProcessHandle.current().pid() + "\n");
        List<String> got = sameFilesAndParses(SampleCommand.app(layout), "/bin/sh");
        assertThat(got).contains("==> /proc/" + ProcessHandle.current().pid() + "/status <==");
        assertThat(ProcParser.parse(got).app()).isNotEmpty().allSatisfy(p -> assertThat(p.rssKb()).isPositive());
    }

    /** The looped sample shows the same files, in the same order, as the one-shot one, and parses. */
    private List<String> sameFilesAndParses(Command once, String shell) throws Exception {
        List<String> direct = new ArrayList<>();
        new LocalHost().exec(once, direct::add);
        Command loop = SampleCommand.looped(once);
        Command viaShell = shell.equals("/bin/sh") ? loop : Command.trusted("exec " + shell + " -c " + Shell.quote(loop.line()));
        List<String> last = null;
        try (Conversation c = new LocalHost().converse(viaShell)) {
            for (int i = 1; i <= 2; i++) {
                List<String> got = new ArrayList<>();
                c.ask("r" + i, SampleCommand.endLine("r" + i), got::add, 30_000);
                assertThat(headers(got)).isEqualTo(headers(direct));
                assertThat(got.size()).isBetween(direct.size() - 2, direct.size() + 2); // a disk or interface may come or go between reads
                ProcParser.parse(got);
                last = got;
            }
        }
        return last;
    }

    private static List<String> headers(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("==> ")).toList();
    }

    @Test
    void aClosedLoopEndsAndSaysSoWhenAskedAgain() throws Exception {
        Conversation c = new LocalHost().converse(SampleCommand.looped(Command.trusted("echo hi")));
        List<String> got = new ArrayList<>();
        c.ask("1", SampleCommand.endLine("1"), got::add, 30_000);
        assertThat(got).containsExactly("hi");
        c.close();
        assertThat(c.isOpen()).isFalse();
        assertThatThrownBy(() -> c.ask("2", SampleCommand.endLine("2"), got::add, 30_000)).isInstanceOf(RemoteException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aLoopThatDiesIsReportedNotWaitedFor() throws Exception {
        Conversation c = new LocalHost().converse(SampleCommand.looped(Command.trusted("echo hi; exit 3")));
        assertThatThrownBy(() -> c.ask("1", SampleCommand.endLine("1"), l -> { }, 30_000)).isInstanceOf(RemoteException.class)
                .hasMessageContaining("ended");
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void anAnswerThatNeverEndsTimesOutAndClosesTheLoop() throws Exception {
        Conversation c = new LocalHost().converse(Command.trusted("while read -r k; do echo started; sleep 600; done"));
        List<String> got = new ArrayList<>();
        assertThatThrownBy(() -> c.ask("1", "never", got::add, 300)).isInstanceOf(RemoteException.class)
                .hasMessageContaining("no answer within");
        assertThat(got).first().isEqualTo("started"); // sh may add "Terminated" for its sleep, killed first
        assertThat(c.isOpen()).isFalse();
    }
}
