package dev.orrery.cli;

import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogSource;
import dev.orrery.logs.LogTarget;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code orrery logs CLUSTER [SERVER…] [--source app|balancer|all] [--since 10m] [--follow]
 * [--grep REGEX] [--json]}: the cluster's logs merged in time order, each line tagged with its
 * server and log, over the same SSH connections and the same readers as the window.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show the cluster's logs merged in time order: each app server's output (its systemd journal or the",
                "supervisor's log file) and the balancer's nginx access and error logs, each line tagged with its server and log.",
                "Known problems (Meteor exceptions, oplog too far behind, nginx upstream timeouts, out-of-memory kills…) are",
                "explained under the line. With --follow, Orrery's deploy markers appear as they happen.",
                "With --keep-size, --keep-days or --kept (and no CLUSTER): set or show how much of the followed logs the",
                "window keeps on disk for search (default 14 days, at most 512 MB)."},
        footer = {"", "CLUSTER is a cluster file, or the name of one in the data folder's clusters/ (\"sandbox\": the sandbox).",
                "SIZE: 500MB, 2GB, 1.5G (MB = 1024 × 1024 bytes). Example: orrery logs --keep-size 500MB --keep-days 7",
                "--since uses each line's own time; an app line without one goes with the line before it that has one.",
                "Exit codes: 0 every log was read, 1 some could not be (the others are still printed), 2 bad command line, 130 interrupted."})
final class LogsCommand extends CliBase {
    enum Which { app, balancer, all }

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER", description = "the cluster file or name")
    String cluster;

    @Parameters(index = "1..*", paramLabel = "SERVER", description = "only these servers (default: all)")
    List<String> servers = new ArrayList<>();

    @Option(names = "--source", paramLabel = "app|balancer|all", defaultValue = "all",
            description = "the app's output, the balancer's logs, or both (default: ${DEFAULT-VALUE})")
    Which source;

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationArg.class,
            description = "lines from this long ago on: 30s, 10m, 2h, 1d (default: the last lines of each log)")
    Duration since;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines until Ctrl-C")
    boolean follow;

    @Option(names = "--grep", paramLabel = "REGEX", converter = RegexArg.class, description = "only lines this Java regex finds")
    Pattern grep;

    private final dev.orrery.logs.SearchCancel grepCancel = new dev.orrery.logs.SearchCancel();

    @Option(names = "--json", description = "one JSON object a line: time, server, source, level, text, problem")
    boolean json;

    @Option(names = "--keep-size", paramLabel = "SIZE", converter = SizeArg.class,
            description = "keep at most SIZE of followed lines on disk (at least 1MB); the oldest go first")
    Long keepSize;

    Integer keepDays;

    @Option(names = "--keep-days", paramLabel = "DAYS", description = "keep followed lines DAYS days (1 to 3650)")
    void keepDays(int days) {
        keepDays = Ranges.check(spec.commandLine(), "--keep-days", days, 1, dev.orrery.logs.LogKeep.MAX_DAYS);
    }

    @Option(names = "--kept", description = "say how much of the followed logs is kept, and what is held now")
    boolean kept;

    /** For tests and scripts: stop following after this long. */
    @Option(names = "--follow-for", paramLabel = "DURATION", converter = DurationArg.class, hidden = true)
    Duration followFor;

    @Override
    protected int execute() throws Exception {
        CliContext ctx = ctx();
        boolean store = keepSize != null || keepDays != null || kept;
        if (store && cluster != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--keep-size, --keep-days and --kept set or show the log store: give them without CLUSTER");
        }
        if (store) {
            return LogKeepPrinter.run(ctx, keepSize, keepDays, json);
        }
        if (cluster == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'CLUSTER'");
        }
        Cluster c = ClusterRef.load(cluster, ctx.home());
        for (String s : servers) {
            if (c.server(s).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no server '" + s + "' in " + c.name() + "; it has "
                        + c.servers().stream().map(Server::name).toList());
            }
        }
        long sinceMs = since == null ? 0 : System.currentTimeMillis() - since.toMillis();
        LogPrinter printer = new LogPrinter(ctx.out(), json);
        java.util.function.Predicate<LogTarget> which = t -> (servers.isEmpty() || servers.contains(t.server()))
                && switch (source) {
                    case app -> t.source() == LogSource.APP;
                    case balancer -> t.source().balancer();
                    case all -> true;
                };
        boolean following = follow || followFor != null;
        try (LogCollector logs = ctx.orrery().logsOnce(c, which, sinceMs, following)) {
            if (logs.status().isEmpty()) {
                ctx.err().println("orrery logs: " + c.name() + " has no " + (source == Which.all ? "" : source + " ") + "logs to read"
                        + (servers.isEmpty() ? "" : " on " + servers)
                        + (c.balancer().kind() == dev.orrery.model.BalancerKind.HAPROXY && source != Which.app
                        ? " (HAProxy, as Orrery configures it, writes no log file)" : ""));
                return 1;
            }
            if (following) {
                return follow(ctx, logs, printer);
            }
            List<LogLine> all = new ArrayList<>();
            logs.addListener(all::addAll);
            logs.start();
            logs.finished().get();
            all.stream().filter(this::wanted).sorted(Comparator.comparingLong(LogLine::time)).forEach(printer::print);
            return reportFailures(ctx, logs.status());
        }
    }

    private boolean wanted(LogLine l) {
        try {
            return grep == null || grepCancel.finds(grep, l.text());
        } catch (java.util.concurrent.CancellationException interrupted) {
            return false; // Ctrl-C: a regex stuck backtracking in one line lets go at its next character
        }
    }

    /**
     * Prints lines as they come, each held one second so the servers' lines (which arrive at
     * slightly different moments) come out in time order.
     */
    private int follow(CliContext ctx, LogCollector logs, LogPrinter printer) throws Exception {
        ReorderBuffer buffer = new ReorderBuffer(1000);
        logs.addListener(batch -> batch.stream().filter(this::wanted).forEach(buffer::add));
        Map<String, String> lastStatus = new TreeMap<>();
        logs.addStatusListener(now -> {
            synchronized (lastStatus) {
                now.forEach((k, v) -> {
                    if (!v.equals(lastStatus.put(k, v)) && (v.startsWith("reconnecting") || v.startsWith("failed"))) {
                        ctx.err().println("orrery logs: " + k + ": " + v);
                    }
                });
            }
        });
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            interrupted.complete(null);
            grepCancel.cancel();
            logs.close();
            buffer.drain(Long.MAX_VALUE).forEach(printer::print);
            ctx.out().flush();
        }, "orrery-logs-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            logs.start();
            long end = followFor == null ? Long.MAX_VALUE : System.currentTimeMillis() + followFor.toMillis();
            while (!interrupted.isDone() && System.currentTimeMillis() < end) {
                buffer.drain(System.currentTimeMillis() - 1000).forEach(printer::print);
                ctx.out().flush();
                try {
                    interrupted.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException ignored) {
                    // next round
                }
            }
            logs.close();
            buffer.drain(Long.MAX_VALUE).forEach(printer::print);
            return interrupted.isDone() ? 130 : 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it prints what is left
            }
        }
    }

    private static int reportFailures(CliContext ctx, Map<String, String> status) {
        int failed = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(status).entrySet()) {
            if (e.getValue().startsWith("failed") || e.getValue().startsWith("reconnecting")) {
                ctx.err().println("orrery logs: " + e.getKey() + ": " + e.getValue().replaceFirst("^failed: ", ""));
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** "30s", "10m", "2h", "1d" (or ISO-8601 "PT10M"). */
    static final class DurationArg implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            var m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)").matcher(value.strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write 30s, 10m, 2h or 1d");
            }
        }
    }

    /** "500MB", "2GB", "1.5G" (see {@link dev.orrery.logs.ByteSize}), at least 1 MB. */
    static final class SizeArg implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long bytes;
            try {
                bytes = dev.orrery.logs.ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            if (bytes < dev.orrery.logs.LogKeep.MIN_CAP_BYTES) {
                throw new CommandLine.TypeConversionException("'" + value + "' is less than the 1MB the log store keeps at least");
            }
            return bytes;
        }
    }

    static final class RegexArg implements CommandLine.ITypeConverter<Pattern> {
        @Override
        public Pattern convert(String value) {
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a valid regex: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
    }
}
