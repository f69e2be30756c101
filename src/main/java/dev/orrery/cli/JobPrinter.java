package dev.orrery.cli;

import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobListener;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Prints the engine's job events as lines: "[Provision app-3 in crater] Wait for app-3 to boot". */
final class JobPrinter implements JobListener {
    private final PrintStream out;
    private final Map<Long, String> titles = new ConcurrentHashMap<>();

    JobPrinter(PrintStream out) {
        this.out = out;
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
