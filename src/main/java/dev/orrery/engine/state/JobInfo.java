package dev.orrery.engine.state;

/**
 * A job running on (or just finished with) a cluster, as the live state shows it.
 *
 * @param step     the job's latest step
 * @param fraction how far it is, 0..1
 * @param outcome  null while it runs; then "succeeded", "cancelled" or "failed: reason"
 */
public record JobInfo(long id, String title, JobKind kind, String step, double fraction, long startedMs, String outcome) {

    public boolean running() {
        return outcome == null;
    }

    JobInfo withStep(String s) {
        return new JobInfo(id, title, kind, s, fraction, startedMs, outcome);
    }

    JobInfo withFraction(double f) {
        return new JobInfo(id, title, kind, step, f, startedMs, outcome);
    }

    JobInfo finished(String how) {
        return new JobInfo(id, title, kind, step, how.equals("succeeded") ? 1 : fraction, startedMs, how);
    }
}
