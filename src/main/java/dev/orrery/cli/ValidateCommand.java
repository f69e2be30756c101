package dev.orrery.cli;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code orrery validate CLUSTER.json...}: exit 0 when every file is valid, else each bad file's field and why, exit 1. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check cluster files (nothing is changed).", "Each file that is not valid is named with its line, "
                + "field, what was expected and what was found."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "1:a file is not valid or cannot be read", "2:the command line was wrong"})
final class ValidateCommand extends CliBase {
    @Parameters(paramLabel = ClusterArg.LABEL, arity = "1..*", description = "the cluster files to check")
    List<Path> files;

    @Override
    protected int execute() {
        int bad = 0;
        for (Path f : files) {
            try {
                Cluster c = ClusterArg.load(f);
                ctx().out().println(f + ": valid (cluster \"" + c.name() + "\", " + c.servers().size() + " servers)");
            } catch (ClusterFileException e) {
                ctx().err().println(e.getMessage());

                bad++;
            }
        }
        return bad == 0 ? 0 : 1;
    }
}
