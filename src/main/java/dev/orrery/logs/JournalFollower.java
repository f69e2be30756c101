package dev.orrery.logs;

import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Follows a systemd unit's journal on one host with {@code journalctl -o json -f}: each entry
 * carries its cursor, and a run after a dropped connection starts {@code --after-cursor} the last
 * entry handed on, so nothing is lost or repeated. A first run starts with the last
 * {@code backLines} entries, or at {@code sinceEpochMs} when given.
 */
public final class JournalFollower implements SourceFollower {
    /** Receives each entry; the entry's cursor is where the next run resumes. */
    @FunctionalInterface
    public interface Listener {
        void entry(JournalEntry entry);
    }

    private final Host host;
    private final String unit;
    private final int backLines;
    private final long sinceEpochMs;
    private final boolean follow;
    private final Listener listener;
    private volatile String cursor;

    /**
     * @param cursor       where the last run stopped, or null for a first run
     * @param sinceEpochMs a first run starts here (0: the last {@code backLines} entries instead)
     * @param follow       false: print what there is and end (the command line without --follow)
     */
    public JournalFollower(Host host, String unit, String cursor, int backLines, long sinceEpochMs, boolean follow, Listener listener) {
        this.host = host;
        this.unit = unit;
        this.cursor = cursor;
        this.backLines = backLines;
        this.sinceEpochMs = sinceEpochMs;
        this.follow = follow;
        this.listener = listener;
    }

    @Override
    public String describe() {
        return "the journal of " + unit;
    }

    public String cursor() {
        return cursor;
    }

    static Command command(String unit, String cursor, int backLines, long sinceEpochMs, boolean follow) {
        List<String> args = new ArrayList<>(List.of("-u", unit, "-o", "json", "--no-pager"));
        if (cursor != null) {
            args.add("--after-cursor=" + cursor);
        } else if (sinceEpochMs > 0) {
            args.add("--since=@" + sinceEpochMs / 1000);
        } else {
            args.add("-n");
            args.add(Integer.toString(backLines));
        }
        if (follow) {
            args.add("-f");
        }
        Command c = Command.of("journalctl", args);
        return new Command("exec " + c.line(), "follow the journal of " + unit);
    }

    @Override
    public void runOnce(CompletableFuture<?> stop) throws RemoteException {
        List<String> other = new ArrayList<>();
        ExecResult r = host.follow(command(unit, cursor, backLines, sinceEpochMs, follow), line -> {
            JournalEntry.parse(line).ifPresentOrElse(e -> {
                listener.entry(e);
                cursor = e.cursor();
            }, () -> {
                if (other.size() < 10 && !line.isBlank()) {
                    other.add(line); // journalctl's own words ("-- No entries --", errors)
                }
            });
        }, stop);
        if (r.exitCode() == ExecResult.STOPPED || (!follow && r.ok())) {
            return;
        }
        String said = other.stream().filter(l -> !l.startsWith("-- ")).reduce((a, b) -> a + " / " + b).orElse("");
        throw new RemoteException(host.name(), "journalctl for " + unit + " ended (exit " + r.exitCode() + ")"
                + (said.isEmpty() ? "" : ": " + said), null);
    }
}
