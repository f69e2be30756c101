package dev.orrery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * What every picocli sub-command extends: {@link #ctx()} gives the streams, the data folder and
 * the engine's wiring; {@link #call()} returns the exit code (0 success, 1 failure). Options are
 * declared with picocli's annotations; usage errors (exit 2, with the command's usage) are
 * picocli's, or a {@code CommandLine.ParameterException} thrown from {@link #execute()}. Range
 * checks go in annotated setter methods ({@link Ranges}, {@link DurationConverter#inRange}).
 *
 * <pre>{@code
 * @Command(name = "status", description = "…", mixinStandardHelpOptions = true)
 * final class StatusCommand extends CliBase {
 *     @Parameters(paramLabel = "CLUSTER.json") Path cluster;
 *     @Override protected int execute() throws Exception { ctx().out().println(…); return 0; }
 * }
 * }</pre>
 */
@Command(versionProvider = OrreryCommand.VersionProvider.class)
public abstract class CliBase implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    protected CliContext ctx() {
        Object root = spec.root().userObject();
        return ((OrreryCommand) root).ctx();
    }

    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        return execute();
    }
}
