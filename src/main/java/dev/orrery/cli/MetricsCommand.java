package dev.orrery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.engine.WatchTools;
import dev.orrery.metrics.Metric;
import dev.orrery.metrics.MetricSeries;
import dev.orrery.metrics.MetricsQueries;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.metrics.ProbeSeries;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code orrery metrics CLUSTER [SERVER] [--since 1h] [--json] [--now]}: the servers' metrics
 * from the history store (what the window or {@code orrery alerts watch} recorded), as a table of
 * averages and peaks per server, or one server over time.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Each server's CPU, memory, disk, network, app and request latency from the history store.",
                "With SERVER: that server over time. The window (or `orrery alerts watch`) records samples while a cluster is open;",
                "--now samples every server once first."},
        footer = {"", "JSON (--json), one server per entry: {\"cluster\", \"sinceSeconds\", \"servers\": [{\"name\", \"source\", \"lastSampleAt\",",
                "  \"metrics\": {\"cpu\": {\"avg\", \"max\", \"last\"}, …}, \"latencyMs\": {\"avg\", \"max\"}}]};",
                "with SERVER: {\"cluster\", \"server\", \"bucketSeconds\", \"points\": [{\"t\", \"cpu\", \"cpuMax\", \"load1\", \"memoryPercent\", …}]}. Unknown values are null."})
final class MetricsCommand extends ClusterCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    static final List<Metric> SHOWN = List.of(Metric.CPU, Metric.STEAL, Metric.LOAD1, Metric.MEM_USED, Metric.DISK, Metric.IO_READ,
            Metric.IO_WRITE, Metric.NET_RX, Metric.NET_TX, Metric.APP_CPU, Metric.APP_RSS);

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
    String cluster;

    @Parameters(index = "1", paramLabel = "SERVER", arity = "0..1", description = "one server over time")
    String server;

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
            description = "how far back: 15m, 1h, 24h, 7d, 30d … (default 1h)")
    Duration since;

    @Option(names = "--json", description = "print JSON (shape below)")
    boolean json;

    @Option(names = "--now", description = "sample every server once now (two readings a second apart) and store it first")
    boolean now;

    @Option(names = "--points", paramLabel = "N", defaultValue = "24", description = "rows for one server over time (default 24)")
    int points;

    @Override
    protected int execute() throws Exception {
        if (since.toSeconds() < 10 || since.toSeconds() > 366L * 86_400) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--since must be between 10s and 366d");
        }
        if (points < 1 || points > 2000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--points must be between 1 and 2000");
        }
        Cluster c = load(cluster);
        if (server != null && c.server(server).isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cluster " + c.name() + " has no server " + server
                    + " (it has " + String.join(", ", c.servers().stream().map(Server::name).toList()) + ")");
        }
        if (now) {
            WatchTools.Taken taken = WatchTools.sampleNow(ctx().orrery(), c, 1000).get(2, TimeUnit.MINUTES);
            for (MetricsSampler.Status s : taken.status()) {
                if (s.failing()) {
                    ctx().err().println("orrery metrics: " + s.server() + ": " + s.error());
                }
            }
        }
        var db = ctx().orrery().historyWriter().db();
        dev.orrery.metrics.MetricsStore.open(db); // the tables, on a store nothing has written to yet
        MetricsQueries q = new MetricsQueries(db);
        long to = System.currentTimeMillis();
        long from = to - since.toMillis();
        if (server != null) {
            return oneServer(q, c, from, to);
        }
        return table(q, c, from, to);
    }

    private int table(MetricsQueries q, Cluster c, long from, long to) throws Exception {
        Map<String, MetricsQueries.Latest> latest = q.latest(c.name());
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("cluster", c.name());
        root.put("sinceSeconds", since.toSeconds());
        ArrayNode servers = root.putArray("servers");
        TextTable t = new TextTable("SERVER", "SOURCE", "LAST SAMPLE", "CPU avg/max", "LOAD", "MEMORY", "DISK", "NET in/out", "APP CPU", "APP MEM", "LATENCY avg/max");
        int withData = 0;
        for (Server s : c.servers()) {
            MetricSeries series = q.metrics(c.name(), s.name(), from, to, 200, to);
            ProbeSeries probes = q.probes(c.name(), s.name(), from, to, 200, to);
            MetricsQueries.Latest last = latest.get(s.name());
            if (series.size() > 0) {
                withData++;
            }
            ObjectNode n = servers.addObject();
            n.put("name", s.name());
            n.put("source", last == null ? null : last.source().key());
            n.put("lastSampleAt", last == null ? null : Instant.ofEpochMilli(last.timeMs()).toString());
            ObjectNode metrics = n.putObject("metrics");
            for (Metric k : SHOWN) {
                double[] sum = series.summary(k);
                ObjectNode v = metrics.putObject(k.column());
                Json.put(v, "avg", sum[0]);
                Json.put(v, "max", sum[1]);
                Json.put(v, "last", last == null ? Double.NaN : last.values().get(k));
            }
            double[] lat = latency(probes);
            ObjectNode l = n.putObject("latencyMs");
            Json.put(l, "avg", lat[0]);
            Json.put(l, "max", lat[1]);
            double[] cpu = series.summary(Metric.CPU);
            double[] mem = series.summary(Metric.MEM_USED);
            double total = series.last(Metric.MEM_TOTAL);
            t.row(s.name(), last == null ? "-" : last.source().key(), last == null ? "no samples" : TIME.format(Instant.ofEpochMilli(last.timeMs())),
                    pair(Metric.CPU, cpu), Metric.LOAD1.format(series.summary(Metric.LOAD1)[0]),
                    total > 0 ? String.format(Locale.ROOT, "%.0f%% of %s", 100 * mem[0] / total, Metric.bytes(total)) : "-",
                    Metric.DISK.format(series.summary(Metric.DISK)[0]),
                    Metric.NET_RX.format(series.summary(Metric.NET_RX)[0]) + " / " + Metric.NET_TX.format(series.summary(Metric.NET_TX)[0]),
                    Metric.APP_CPU.format(series.summary(Metric.APP_CPU)[0]), Metric.APP_RSS.format(series.summary(Metric.APP_RSS)[0]),
                    Double.isNaN(lat[0]) ? "-" : String.format(Locale.ROOT, "%.1f / %.1f ms", lat[0], lat[1]));
        }
        if (json) {
            ctx().out().println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            ctx().out().println("cluster " + c.name() + ", last " + DurationConverter.shortForm(since.toSeconds()) + " (averages; CPU also its peak):");
            ctx().out().print(t);
            if (withData == 0) {
                ctx().out().println("No samples in that time. Samples are recorded while the window has the cluster open or `orrery alerts watch "
                        + cluster + "` runs; `--now` takes one now.");
            }
        }
        return 0;
    }

    private int oneServer(MetricsQueries q, Cluster c, long from, long to) throws Exception {
        MetricSeries s = q.metrics(c.name(), server, from, to, points, to);
        ProbeSeries p = q.probes(c.name(), server, from, to, points, to);
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("cluster", c.name());
        root.put("server", server);
        root.put("bucketSeconds", s.bucketSeconds());
        ArrayNode pts = root.putArray("points");
        TextTable t = new TextTable("TIME", "CPU avg/max", "LOAD", "MEMORY", "DISK", "NET in", "NET out", "APP CPU", "APP MEM", "LATENCY");
        double[] memPct = s.memoryPercent(false);
        for (int i = 0; i < s.size(); i++) {
            long at = s.timesMs()[i];
            double lat = Double.NaN;
            for (int j = 0; j < p.size(); j++) {
                if (p.timesMs()[j] == at) {
                    lat = p.latencyMs()[j];
                }
            }
            ObjectNode n = pts.addObject();
            n.put("t", Instant.ofEpochMilli(at).toString());
            Json.put(n, "cpu", s.avg(Metric.CPU)[i]);
            Json.put(n, "cpuMax", s.max(Metric.CPU)[i]);
            Json.put(n, "load1", s.avg(Metric.LOAD1)[i]);
            Json.put(n, "memoryPercent", memPct[i]);
            Json.put(n, "diskPercent", s.avg(Metric.DISK)[i]);
            Json.put(n, "netRxBytesPerSecond", s.avg(Metric.NET_RX)[i]);
            Json.put(n, "netTxBytesPerSecond", s.avg(Metric.NET_TX)[i]);
            Json.put(n, "appCpu", s.avg(Metric.APP_CPU)[i]);
            Json.put(n, "appRssBytes", s.avg(Metric.APP_RSS)[i]);
            Json.put(n, "latencyMs", lat);
            t.row(TIME.format(Instant.ofEpochMilli(at)), pair(Metric.CPU, new double[] {s.avg(Metric.CPU)[i], s.max(Metric.CPU)[i]}),
                    Metric.LOAD1.format(s.avg(Metric.LOAD1)[i]), Double.isNaN(memPct[i]) ? "-" : String.format(Locale.ROOT, "%.1f%%", memPct[i]),
                    Metric.DISK.format(s.avg(Metric.DISK)[i]), Metric.NET_RX.format(s.avg(Metric.NET_RX)[i]),
                    Metric.NET_TX.format(s.avg(Metric.NET_TX)[i]), Metric.APP_CPU.format(s.avg(Metric.APP_CPU)[i]),
                    Metric.APP_RSS.format(s.avg(Metric.APP_RSS)[i]), Double.isNaN(lat) ? "-" : String.format(Locale.ROOT, "%.1f ms", lat));
        }
        if (json) {
            ctx().out().println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            ctx().out().println(server + " of " + c.name() + ", last " + DurationConverter.shortForm(since.toSeconds()) + ", one row per "
                    + DurationConverter.shortForm(s.bucketSeconds()) + ":");
            ctx().out().print(t);
            if (s.size() == 0) {
                ctx().out().println("No samples in that time (see `orrery metrics --help`).");
            }
        }
        return 0;
    }

    private static double[] latency(ProbeSeries p) {
        double sum = 0;
        long n = 0;
        double max = Double.NaN;
        for (int i = 0; i < p.size(); i++) {
            if (!Double.isNaN(p.latencyMs()[i])) {
                sum += p.latencyMs()[i] * p.ok()[i];
                n += p.ok()[i];
            }
            if (!Double.isNaN(p.worstMs()[i]) && (Double.isNaN(max) || p.worstMs()[i] > max)) {
                max = p.worstMs()[i];
            }
        }
        return new double[] {n == 0 ? Double.NaN : sum / n, max};
    }

    private static String pair(Metric m, double[] avgMax) {
        return Double.isNaN(avgMax[0]) ? "-" : m.format(avgMax[0]) + " / " + m.format(avgMax[1]);
    }

    /** JSON on its own class: picocli reads this command's methods, so --help loads no Jackson. */
    private static final class Json {
        private Json() {
        }

        static void put(ObjectNode n, String key, double v) {
            if (Double.isNaN(v)) {
                n.putNull(key);
            } else {
                n.put(key, Math.round(v * 100) / 100.0);
            }
        }
    }
}
