package dev.orrery.cli;

import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shell completion as the shells run it: picocli's generated script completes command names,
 * sub-commands, options and option values in bash, and — through the package's {@code _orrery}
 * function and zsh's own completion system, typed at a real interactive zsh — in zsh.
 */
@RequiresCommands({"bash", "zsh"})
class CompletionTest {
    @TempDir
    Path dir;
    Path script;

    @BeforeEach
    void generate() throws Exception {
        CliRun r = CliRun.run(new OrreryHome(dir.resolve("home")), "completion", "bash");
        assertThat(r.exit()).isZero();
        script = Files.writeString(dir.resolve("orrery.bash"), r.out());
    }

    /** What bash's completion offers after typing {@code line} (the cursor at its end). */
    private String bash(String... words) throws Exception {
        String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String program = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_orrery 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "--norc", "-c", program).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    @Test
    void bashCompletesCommandsSubcommandsOptionsAndValues() throws Exception {
        assertThat(bash("orrery", "dep")).isEqualTo("deploy");
        assertThat(bash("orrery", "")).contains("validate", "status", "health", "deploy", "rollback", "provision", "digitalocean",
                "sandbox", "completion");
        assertThat(bash("orrery", "digitalocean", "")).contains("snapshots", "regions", "sizes", "keys");
        assertThat(bash("orrery", "health", "crater.json", "--ro")).isEqualTo("--route");
        assertThat(bash("orrery", "health", "crater.json", "--route", "")).isEqualTo("auto direct balancer");
        assertThat(bash("orrery", "completion", "")).isEqualTo("bash zsh");
    }

    /** A real interactive zsh (zsh's zpty module types into it): "orrery dep" and Tab becomes "orrery deploy". */
    @Test
    void zshCompletesThroughThePackagesFunction() throws Exception {
        Path functions = Files.createDirectories(dir.resolve("zfunc"));
        Files.copy(Path.of("installer/linux/completion/_orrery"), functions.resolve("_orrery"));
        Files.copy(script, functions.resolve("orrery.bash"));
        String driver = """
                zmodload zsh/zpty
                zpty -b z 'zsh -f -i'
                zpty -w z 'PS1="> "; fpath=(%s $fpath); autoload -Uz compinit && compinit -u -D; orrery() { :; }'
                zpty -w -n z $'orrery dep\\t'
                out=""
                # Read what the shell shows until the completed word appears, for at most 30 s.
                for i in {1..600}; do
                  while zpty -r -t z chunk; do out+=$chunk; done
                  [[ $out == *'orrery deploy'* ]] && { print COMPLETED; zpty -d z; exit 0 }
                  sleep 0.05
                done
                print -r -- "$out"
                zpty -d z
                exit 1
                """.formatted(functions);
        Path file = Files.writeString(dir.resolve("drive.zsh"), driver);
        Process p = new ProcessBuilder("zsh", "-f", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("COMPLETED");
    }
}
