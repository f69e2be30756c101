package dev.orrery.cli;

import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command, nested ones included, answers {@code -h}, {@code --help} and {@code orrery help
 * …} with its usage and exit 0, and refuses an unknown option and an extra argument with exit 2,
 * the reason and its usage. The list of commands comes from the command tree itself, so a new
 * command is covered the moment it is added.
 */
class CliHelpTest {
    @TempDir
    Path home;

    /** "deploy", "digitalocean sizes", … every command below the root but the help commands. */
    static Stream<String> commands() {
        return tree().keySet().stream();
    }

    /** Each command and how many positional arguments it needs at least. */
    private static Map<String, Integer> tree() {
        CliContext ctx = new CliContext(new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()),
                null, new OrreryHome(Path.of("/nonexistent")));
        Map<String, Integer> out = new LinkedHashMap<>();
        collect(OrreryCli.commandLine(ctx), "", out);
        return out;
    }

    private static void collect(CommandLine line, String prefix, Map<String, Integer> out) {
        line.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            String path = (prefix + " " + name).strip();
            out.put(path, sub.getCommandSpec().positionalParameters().stream().mapToInt(p -> p.arity().min()).sum());
            collect(sub, path, out);
        });
    }

    /** The command with as many arguments as it needs ("bash" fits completion's SHELL and any file name). */
    private static String[] enough(String command, String... before) {
        List<String> a = new ArrayList<>(List.of(args(command, before)));
        for (int i = 0; i < tree().get(command); i++) {
            a.add("bash");
        }
        return a.toArray(String[]::new);
    }

    private CliRun run(String... args) {
        return CliRun.run(new OrreryHome(home), args);
    }

    private static String[] args(String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command.split(" ")));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void theTreeHasEveryCommand() {
        assertThat(commands().toList()).contains("validate", "show", "status", "health", "ssh-check", "render-proxy", "push-proxy",
                "deploy", "rollback", "provision", "decommission", "snapshot", "digitalocean snapshots", "digitalocean regions",
                "digitalocean sizes", "digitalocean keys", "token set", "token check", "token delete", "token where",
                "sandbox start", "sandbox status", "sandbox add", "sandbox fail", "sandbox restart", "sandbox deploy", "sandbox stop",
                "completion", "import mup", "import digitalocean", "import balancer", "diff-proxy", "drift");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpInEveryForm(String command) {
        for (String flag : new String[]{"-h", "--help"}) {
            CliRun r = run(args(command, flag));
            assertThat(r.exit()).as(command + " " + flag + ": " + r.err()).isZero();
            assertThat(r.out()).startsWith("Usage: orrery " + command).contains("-h, --help");
            assertThat(r.err()).isEmpty();
        }
        CliRun viaHelp = run(args("help " + command));
        assertThat(viaHelp.exit()).as("orrery help " + command + ": " + viaHelp.err()).isZero();
        assertThat(viaHelp.out()).startsWith("Usage: orrery " + command);
        // Help wins over missing arguments: it does not complain that CLUSTER.json is missing.
        assertThat(run(args(command, "--help", "--bogus")).exit()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void anUnknownOptionIsRefusedWithTheUsage(String command) {
        CliRun r = run(enough(command, "--bogus"));
        assertThat(r.exit()).as(command + ": " + r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("orrery " + command + ": Unknown option").contains("'--bogus'").contains("Usage: orrery " + command);
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void anExtraArgumentIsRefusedWithTheUsage(String command) {
        // As many arguments as the command takes, then one more; validate takes any number of
        // files and logs any number of servers.
        if (command.equals("validate") || command.equals("logs")) {
            return;
        }
        int most = tree().get(command) + (command.equals("deploy") ? 1 : 0);
        List<String> a = new ArrayList<>(List.of(args(command)));
        for (int i = 0; i <= most; i++) {
            a.add("bash");
        }
        CliRun r = run(a.toArray(String[]::new));
        assertThat(r.exit()).as(command + ": " + r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).containsPattern("orrery " + command + ": (Unmatched argument|Invalid value|unknown command)")
                .contains("Usage: orrery " + command);
    }

    @Test
    void optionValuesTakeBothForms() {
        CliRun spaced = run("health", "x.json", "--timeout", "0");
        CliRun joined = run("health", "x.json", "--timeout=0");
        assertThat(spaced.exit()).isEqualTo(2);
        assertThat(joined.exit()).isEqualTo(2);
        assertThat(spaced.err()).contains("'--timeout': must be between 1 s and 1 h (got 0 s)").isEqualTo(joined.err());
    }

    @Test
    void typedOptionsAreRangeChecked() {
        assertThat(run("provision", "x.json", "--count=11").err()).contains("'--count': must be between 1 and 10 (got 11)");
        assertThat(run("provision", "x.json", "--count", "many").err()).contains("'--count'").contains("'many' is not an int");
        assertThat(run("provision", "x.json", "--ssh-port=70000").err()).contains("'--ssh-port': must be between 1 and 65535 (got 70000)");
        assertThat(run("decommission", "x.json", "app-1", "--drain-seconds=-1").err()).contains("must be between 0 and 3600 (got -1)");
        assertThat(run("health", "x.json", "--route=sideways").err()).contains("expected auto, direct or balancer (got 'sideways')");
        assertThat(run("health", "x.json", "--timeout=soon").err()).contains("'soon' is not a duration");
        assertThat(run("completion", "fish").exit()).isEqualTo(2);
    }

    @Test
    void validateDashHIsHelpNotAFileCalledDashH() {
        CliRun r = run("validate", "-h");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: orrery validate");
    }

    @Test
    void everyCommandAnswersVersion() {
        CliRun r = run("deploy", "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("orrery ");
    }
}
