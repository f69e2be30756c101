package dev.orrery.ui.live;

import dev.orrery.engine.state.JobInfo;
import dev.orrery.engine.state.JobKind;
import dev.orrery.engine.state.ServerLive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a finished rollout is announced: every server on vN, or where it stopped and why, with
 * which release each server runs now (short labels; the full id once when all agree).
 */
public final class JobSummary {
    private JobSummary() {
    }

    /** "Deploy finished", "Deploy stopped", "Roll back cancelled", "Sandbox started". */
    public static String heading(JobInfo job) {
        String what = switch (job.kind()) {
            case DEPLOY -> "Deploy";
            case ROLLBACK -> "Rollback";
            case START -> "Sandbox start";
            case STOP -> "Sandbox stop";
            default -> job.title();
        };
        if (job.outcome() == null) {
            return what + " running";
        }
        boolean ok = job.outcome().equals("succeeded");
        if (job.kind() == JobKind.START) {
            return ok ? "Sandbox started" : "The sandbox did not start";
        }
        if (job.kind() == JobKind.STOP) {
            return ok ? "Sandbox stopped" : "The sandbox did not stop";
        }
        return what + (ok ? " finished" : job.outcome().equals("cancelled") ? " cancelled" : " stopped");
    }

    /**
     * @param apps       the app servers as the live state has them now
     * @param lastServer the last server the job worked on, null for none
     * @param lastStep   its step there
     */
    public static String text(JobInfo job, List<ServerLive> apps, String lastServer, String lastStep) {
        String now = releases(apps);
        if (job.outcome() == null) {
            return job.step();
        }
        if (job.outcome().equals("succeeded")) {
            if (job.kind() == JobKind.STOP) {
                return "Every sandbox process is stopped.";
            }
            if (job.kind() == JobKind.START) {
                // The first start's servers were placeholders without releases until the file opens.
                boolean known = apps.stream().allMatch(s -> s.release() != null);
                return "Every server is running." + (known ? " " + now : "");
            }
            return now;
        }
        String where = lastServer == null ? "" : "at " + lastServer + (lastStep == null ? "" : " (" + lastStep + ")");
        if (job.outcome().equals("cancelled")) {
            return (where.isEmpty() ? "" : "After " + lastServer + ". ") + now;
        }
        String why = job.outcome().startsWith("failed: ") ? job.outcome().substring("failed: ".length()) : job.outcome();
        return (where.isEmpty() ? "" : where + ": ") + why + (why.endsWith(".") ? " " : ". ") + "Now " + lowerFirst(now);
    }

    /** "Every app server runs v3 (20261201-084551-9f3c2a1b)." or "app-1, app-2 on v3; app-3 on v2." */
    public static String releases(List<ServerLive> apps) {
        if (apps.isEmpty()) {
            return "No app servers.";
        }
        Map<String, List<String>> by = new LinkedHashMap<>();
        for (ServerLive s : apps) {
            by.computeIfAbsent(s.releaseLabel() == null ? "no release" : s.releaseLabel(), k -> new ArrayList<>()).add(s.name());
        }
        if (by.size() == 1 && apps.get(0).release() != null) {
            String label = by.keySet().iterator().next();
            String id = apps.get(0).release();
            return "Every app server runs " + label + (label.equals(id) ? "" : " (" + id + ")") + ".";
        }
        List<String> parts = new ArrayList<>();
        by.forEach((label, names) -> parts.add(String.join(", ", names) + " on " + label));
        return String.join("; ", parts) + ".";
    }

    private static String lowerFirst(String s) {
        return s.startsWith("Every") ? "e" + s.substring(1) : s;
    }
}
