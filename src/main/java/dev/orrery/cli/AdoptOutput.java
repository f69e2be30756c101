package dev.orrery.cli;

import dev.orrery.adopt.ImportItem;
import dev.orrery.adopt.ImportResult;
import dev.orrery.engine.Job;
import dev.orrery.model.Cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the adoption commands share: running their job (quietly for --json), saving, printing the report. */
final class AdoptOutput {
    private AdoptOutput() {
    }

    /** Runs the job printing its steps, or quietly when the output is JSON. */
    static <T> T run(CliContext ctx, Job<T> job, boolean json) throws Exception {
        if (!json) {
            return JobPrinter.runPrinting(ctx, job);
        }
        try {
            return ctx.engine().submit(job).result().get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Saves the cluster; what the file held is kept beside it (see {@link dev.orrery.adopt.ImportFiles}). */
    static Path save(Path out, Cluster c) throws IOException {
        return dev.orrery.adopt.ImportFiles.save(out, c);
    }

    static void print(CliContext ctx, ImportResult r, Path out, Path previous, boolean json) throws IOException {
        if (json) {
            JsonOutput.print(ctx, JsonShapes.Import.of(r, out, previous));
            return;
        }
        ctx.out().println();
        ctx.out().print(r.text());
        ctx.out().println();
        ctx.out().println("saved " + out + (previous != null ? " (what was there is kept in " + previous.getFileName() + ")" : "")
                + ": " + r.cluster().servers().size() + " servers, " + r.items(ImportItem.Outcome.MAPPED).size() + " mapped, "
                + r.items(ImportItem.Outcome.KEPT).size() + " kept as is, " + r.items(ImportItem.Outcome.REPLACED).size() + " replaced, "
                + (r.items(ImportItem.Outcome.REFUSED).size() + r.items(ImportItem.Outcome.NOT_MAPPED).size()) + " not imported (see why above)");
    }
}
