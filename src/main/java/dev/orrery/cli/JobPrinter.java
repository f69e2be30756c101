package dev.orrery.cli;

import dev.orrery.engine.Job;
import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobListener;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/** Prints the engine's job events as lines: "[Provision app-3 in crater] Wait for app-3 to boot". */
final class JobPrinter implements JobListener {
    private final PrintStream out;
    private final Map<Long, String> titles = new ConcurrentHashMap<>();

    JobPrinter(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs one job on the engine, printing its title, then each step and log line with the seconds
     * since it started; returns its result, or throws what it failed with.
     */
    static <T> T runPrinting(CliContext ctx, Job<T> job) throws Exception {
        long t0 = System.nanoTime();
        JobListener printer = e -> {
            long s = (System.nanoTime() - t0) / 1_000_000_000;
            if (e instanceof JobEvent.Step st) {
                ctx.out().printf("%4ds  %s%n", s, st.name());
            } else if (e instanceof JobEvent.Log l) {
                ctx.out().printf("       %s%n", l.line());
            }
        };
        ctx.engine().addListener(printer);
        ctx.out().println(job.title());
        try {
            return ctx.engine().submit(job).result().get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof Exception failure) {
                throw failure;
            }
            throw e;
        } finally {
            ctx.engine().removeListener(printer);
        }
    }

    @Override
    public void onEvent(JobEvent event) {
        if (event instanceof JobEvent.Started s) {
            titles.put(s.jobId(), s.title());
        } else if (event instanceof JobEvent.Step s) {
            out.println("[" + titles.get(s.jobId()) + "] " + s.name());
        } else if (event instanceof JobEvent.Log l) {
            out.println("[" + titles.get(l.jobId()) + "]     " + l.line());
        } else if (event instanceof JobEvent.Finished f) {
            out.println("[" + titles.get(f.jobId()) + "] " + (f.succeeded() ? "done" : f.cancelled() ? "cancelled" : "failed"));
        }
    }
}
