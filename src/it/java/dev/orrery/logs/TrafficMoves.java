package dev.orrery.logs;

import dev.orrery.deploy.RolloutStep;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a deploy's traffic out of the followed access log: for each app server, the last request
 * it answered before its restart, the first it answered after, and who answered in between. The
 * restart's moment comes from the deploy's own marker in the same merged stream ("app-2 ·
 * restart"), put there by {@link #marking}: at that step the old process has exited and the new
 * one is not listening yet, so no request can be answered by that server at that moment.
 */
final class TrafficMoves {
    private TrafficMoves() {
    }

    /** One server's time out of rotation as the access log shows it. {@code firstAfter} null: not back (yet). */
    record Gap(String server, LogLine lastBefore, LogLine firstAfter, Set<String> answeredMeanwhile) {
        @Override
        public String toString() {
            String span = lastBefore == null || firstAfter == null ? "?" : String.format("%.1f s", (firstAfter.time() - lastBefore.time()) / 1000.0);
            return server + " out for " + span + " (meanwhile " + answeredMeanwhile + ")";
        }
    }

    /** {@code delegate}, plus each server step of the deploy as a marker in {@code logs}' stream, as the engine's LogMarkers does. */
    static Progress marking(Progress delegate, LogCollector logs) {
        return new Progress() {
            @Override
            public void step(String name) {
                delegate.step(name);
            }

            @Override
            public void serverStep(String server, String step, boolean mayBeDown) {
                logs.marker(new LogLine(0, System.currentTimeMillis(), true, server, LogSource.DEPLOY, LogLevel.INFO, server + " · " + step, null));
                delegate.serverStep(server, step, mayBeDown);
            }

            @Override
            public void serverDone(String server, String result) {
                delegate.serverDone(server, result);
            }

            @Override
            public void fraction(double done) {
                delegate.fraction(done);
            }

            @Override
            public void log(String line) {
                delegate.log(line);
            }

            @Override
            public boolean cancelled() {
                return delegate.cancelled();
            }
        };
    }

    static List<Gap> gaps(List<LogLine> merged, Upstreams upstreams, List<String> servers) {
        List<LogLine> lines = sorted(merged);
        List<Gap> out = new ArrayList<>();
        for (String server : servers) {
            long restart = restartOf(lines, server).orElseThrow(() -> new AssertionError("no '" + server + " · restart' marker in the stream"));
            LogLine before = null;
            LogLine after = null;
            for (LogLine l : lines) {
                if (upstreams.answeredBy(l).filter(server::equals).isPresent()) {
                    if (l.time() <= restart) {
                        before = l;
                    } else {
                        after = l;
                        break;
                    }
                }
            }
            long from = before == null ? Long.MIN_VALUE : before.time();
            long to = after == null ? Long.MAX_VALUE : after.time();
            Set<String> meanwhile = new TreeSet<>();
            for (LogLine l : lines) {
                if (l.time() > from && l.time() < to) {
                    upstreams.answeredBy(l).ifPresent(meanwhile::add);
                }
            }
            out.add(new Gap(server, before, after, meanwhile));
        }
        return out;
    }

    /** True once {@code server} answered a request after its restart. */
    static boolean answeredAfterRestart(List<LogLine> merged, Upstreams upstreams, String server) {
        List<LogLine> lines = sorted(merged);
        Optional<Long> restart = restartOf(lines, server);
        return restart.isPresent() && lines.stream().anyMatch(l -> l.time() > restart.get() && upstreams.answeredBy(l).filter(server::equals).isPresent());
    }

    /** Requests nginx tried on more than one server ({@code upstream="a:3000, b:3000"}). */
    static long retried(List<LogLine> merged) {
        return merged.stream().filter(l -> l.source() == LogSource.ACCESS)
                .map(l -> AccessEntry.parse(l.text()).map(AccessEntry::upstream).orElse(null))
                .filter(u -> u != null && u.contains(",")).count();
    }

    private static Optional<Long> restartOf(List<LogLine> lines, String server) {
        String text = server + " · " + RolloutStep.START.label();
        return lines.stream().filter(l -> l.marker() && l.text().equals(text)).map(LogLine::time).findFirst();
    }

    private static List<LogLine> sorted(List<LogLine> merged) {
        List<LogLine> lines = new ArrayList<>(merged);
        lines.sort(Comparator.comparingLong(LogLine::time).thenComparingLong(LogLine::id));
        return lines;
    }
}
