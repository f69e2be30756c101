package dev.orrery.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A bridge for the commands that still parse their own arguments ({@link CliCommand}) while
 * they move to picocli: picocli passes every argument through, the command parses them as it
 * always did. Remove it when the last one has moved.
 */
final class LegacyCommand implements Callable<Integer> {
    private final CliCommand command;
    private final List<String> args = new ArrayList<>();
    private CliContext ctx;

    private LegacyCommand(CliCommand command) {
        this.command = command;
    }

    static CommandSpec spec(CliCommand command, CliContext ctx) {
        LegacyCommand runner = new LegacyCommand(command);
        runner.ctx = ctx;
        CommandSpec spec = CommandSpec.wrapWithoutInspection(runner);
        spec.name(command.name());
        spec.usageMessage().description(command.usage());
        spec.parser().unmatchedOptionsArePositionalParams(true);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("ARGS").arity("0..*").type(List.class).auxiliaryTypes(String.class)
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T set(T value) {
                        runner.args.clear();
                        if (value != null) {
                            runner.args.addAll((List<String>) value);
                        }
                        return null;
                    }
                }).build());
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return command.run(args, ctx);
        } catch (UsageException e) {
            ctx.err().println("orrery " + command.name() + ": " + e.getMessage());
            return 2;
        }
    }
}
