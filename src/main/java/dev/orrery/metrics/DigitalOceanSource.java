package dev.orrery.metrics;

import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DropletMetrics;
import dev.orrery.health.ProbeClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The alternative source for droplets that run DigitalOcean's monitoring agent: their metrics
 * come from the Monitoring API instead of a command over SSH, and are labelled
 * {@link Sample.Source#DIGITALOCEAN} wherever they are shown. Each droplet is read every
 * {@code pollMs} (5 min by default: eight calls a droplet a poll, so about 50 droplets stay well
 * inside the API's 5,000 requests an hour), for the minutes since its last point.
 *
 * <p>What the agent reports: CPU (from its cumulative seconds per mode, as steal and total),
 * memory, the root file system, the 1-minute load and public bandwidth. It does not report the
 * app's own process, disk I/O or swap: those stay unknown for such droplets. A droplet whose
 * answers are empty runs no agent: it is reported through {@code noAgent} so it is read over SSH.
 */
public final class DigitalOceanSource {
    private static final Logger LOG = LoggerFactory.getLogger(DigitalOceanSource.class);
    /** How far back the first poll of a droplet reaches. */
    private static final long FIRST_WINDOW_SECONDS = 15 * 60;

    /** A droplet of the cluster: the server's name and DigitalOcean's id. */
    public record Droplet(String server, long dropletId) {
    }

    private final Supplier<DigitalOceanClient> client;
    private final ProbeClock clock;
    private final Executor io;
    private final long pollMs;
    private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, MetricsSampler.Status> status = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> lastPoint = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Consumer<String> noAgent = s -> { };
    private volatile List<Droplet> droplets = List.of();
    private ProbeClock.Scheduled handle;
    private boolean started;
    private int generation;

    public DigitalOceanSource(Supplier<DigitalOceanClient> client, ProbeClock clock, Executor io, long pollMs) {
        this.client = client;
        this.clock = clock;
        this.io = io;
        this.pollMs = pollMs;
    }

    public void addListener(Consumer<Sample> l) {
        listeners.add(l);
    }

    /** Told the name of a droplet whose answers are empty (no do-agent), once per such finding. */
    public void onNoAgent(Consumer<String> l) {
        this.noAgent = l;
    }

    public void setDroplets(List<Droplet> next) {
        droplets = List.copyOf(next);
        status.keySet().retainAll(next.stream().map(Droplet::server).toList());
    }

    public synchronized void start() {
        if (!started) {
            started = true;
            schedule(++generation, 0);
        }
    }

    public synchronized void stop() {
        started = false;
        generation++;
        if (handle != null) {
            handle.cancel();
        }
    }

    public List<MetricsSampler.Status> status() {
        return new ArrayList<>(status.values());
    }

    private synchronized void schedule(int gen, long delay) {
        handle = clock.schedule(() -> {
            synchronized (this) {
                if (gen != generation) {
                    return;
                }
                schedule(gen, pollMs);
            }
            io.execute(this::pollAll);
        }, delay);
    }

    /** On io: every droplet once, one after another (the API's rate limit is shared). */
    void pollAll() {
        for (Droplet d : droplets) {
            pollOne(d).forEach(s -> listeners.forEach(l -> l.accept(s)));
        }
    }

    /** Reads one droplet's new points; returns them as samples, oldest first. */
    List<Sample> pollOne(Droplet d) {
        long now = clock.nowMillis() / 1000;
        long from = lastPoint.getOrDefault(d.server(), now - FIRST_WINDOW_SECONDS);
        MetricsSampler.Status before = status.get(d.server());
        long samples = before == null ? 0 : before.samples();
        try {
            DigitalOceanClient api = client.get();
            Instant start = Instant.ofEpochSecond(from - 60); // one point before, for the first CPU rate
            Instant end = Instant.ofEpochSecond(now);
            DropletMetrics cpu = api.dropletMetric(DropletMetrics.Kind.CPU, d.dropletId(), start, end, Map.of());
            if (cpu.empty()) {
                status.put(d.server(), new MetricsSampler.Status(d.server(), Sample.Source.DIGITALOCEAN, 0,
                        "DigitalOcean has no monitoring data for droplet " + d.dropletId() + " (is do-agent installed?); read over SSH instead",
                        samples, 0));
                noAgent.accept(d.server());
                return List.of();
            }
            Map<Kind, DropletMetrics> m = new LinkedHashMap<>();
            m.put(Kind.MEM_TOTAL, api.dropletMetric(DropletMetrics.Kind.MEMORY_TOTAL, d.dropletId(), start, end, Map.of()));
            m.put(Kind.MEM_AVAILABLE, api.dropletMetric(DropletMetrics.Kind.MEMORY_AVAILABLE, d.dropletId(), start, end, Map.of()));
            m.put(Kind.FS_SIZE, api.dropletMetric(DropletMetrics.Kind.FILESYSTEM_SIZE, d.dropletId(), start, end, Map.of()));
            m.put(Kind.FS_FREE, api.dropletMetric(DropletMetrics.Kind.FILESYSTEM_FREE, d.dropletId(), start, end, Map.of()));
            m.put(Kind.LOAD1, api.dropletMetric(DropletMetrics.Kind.LOAD_1, d.dropletId(), start, end, Map.of()));
            m.put(Kind.RX, api.dropletMetric(DropletMetrics.Kind.BANDWIDTH, d.dropletId(), start, end, Map.of("interface", "public", "direction", "inbound")));
            m.put(Kind.TX, api.dropletMetric(DropletMetrics.Kind.BANDWIDTH, d.dropletId(), start, end, Map.of("interface", "public", "direction", "outbound")));
            List<Sample> out = samples(d.server(), cpu, m, from);
            if (!out.isEmpty()) {
                lastPoint.put(d.server(), out.get(out.size() - 1).timeMs() / 1000);
            }
            long last = out.isEmpty() ? (before == null ? 0 : before.lastSampleMs()) : out.get(out.size() - 1).timeMs();
            status.put(d.server(), new MetricsSampler.Status(d.server(), Sample.Source.DIGITALOCEAN, last, null, samples + out.size(), 0));
            return out;
        } catch (CloudException | IllegalStateException e) {
            String why = "DigitalOcean Monitoring: " + e.getMessage();
            LOG.info("metrics of {}: {}", d.server(), why);
            long last = before == null ? 0 : before.lastSampleMs();
            status.put(d.server(), new MetricsSampler.Status(d.server(), Sample.Source.DIGITALOCEAN, last, why, samples, 0));
            return List.of();
        }
    }

    private enum Kind { MEM_TOTAL, MEM_AVAILABLE, FS_SIZE, FS_FREE, LOAD1, RX, TX }

    /** One sample per CPU point after {@code after}: the CPU rate against the point before it. */
    static List<Sample> samples(String server, DropletMetrics cpu, Map<Kind, DropletMetrics> m, long after) {
        // per time: seconds per mode
        TreeMap<Long, Map<String, Double>> modes = new TreeMap<>();
        for (DropletMetrics.Series s : cpu.series()) {
            String mode = s.labels().getOrDefault("mode", "?");
            for (DropletMetrics.Point p : s.points()) {
                modes.computeIfAbsent(p.epochSeconds(), k -> new LinkedHashMap<>()).merge(mode, p.value(), Double::sum);
            }
        }
        List<Sample> out = new ArrayList<>();
        Map.Entry<Long, Map<String, Double>> prev = null;
        for (Map.Entry<Long, Map<String, Double>> e : modes.entrySet()) {
            if (prev != null && e.getKey() > after) {
                double[] v = Sample.unknown();
                double total = 0;
                double idle = 0;
                double steal = 0;
                for (Map.Entry<String, Double> mode : e.getValue().entrySet()) {
                    double d = mode.getValue() - prev.getValue().getOrDefault(mode.getKey(), mode.getValue());
                    total += d;
                    if (mode.getKey().equals("idle") || mode.getKey().equals("iowait")) {
                        idle += d;
                    }
                    if (mode.getKey().equals("steal")) {
                        steal += d;
                    }
                }
                if (total > 0) {
                    v[Metric.CPU.ordinal()] = 100 * (total - idle) / total;
                    v[Metric.STEAL.ordinal()] = 100 * steal / total;
                }
                long t = e.getKey();
                double memTotal = at(m.get(Kind.MEM_TOTAL).only(), t);
                double memAvail = at(m.get(Kind.MEM_AVAILABLE).only(), t);
                if (memTotal > 0 && !Double.isNaN(memAvail)) {
                    v[Metric.MEM_TOTAL.ordinal()] = memTotal;
                    v[Metric.MEM_USED.ordinal()] = Math.max(0, memTotal - memAvail);
                }
                double size = at(m.get(Kind.FS_SIZE).where("mountpoint", "/"), t);
                double free = at(m.get(Kind.FS_FREE).where("mountpoint", "/"), t);
                if (size > 0 && !Double.isNaN(free)) {
                    v[Metric.DISK.ordinal()] = 100 * (size - free) / size;
                    v[Metric.DISK_USED.ordinal()] = size - free;
                    v[Metric.DISK_SIZE.ordinal()] = size;
                }
                v[Metric.LOAD1.ordinal()] = at(m.get(Kind.LOAD1).only(), t);
                // Mbit/s to bytes/s
                v[Metric.NET_RX.ordinal()] = at(m.get(Kind.RX).only(), t) * 125_000;
                v[Metric.NET_TX.ordinal()] = at(m.get(Kind.TX).only(), t) * 125_000;
                List<Reading.FileSystemUse> fs = size > 0 && !Double.isNaN(free)
                        ? List.of(new Reading.FileSystemUse("do-agent", "?", "/", (long) (size / 1024), (long) ((size - free) / 1024), (long) (free / 1024)))
                        : List.of();
                out.add(new Sample(server, t * 1000, Sample.Source.DIGITALOCEAN, v, fs));
            }
            prev = e;
        }
        return out;
    }

    /** The value at {@code t}, or the last one before it; NaN when none. */
    private static double at(List<DropletMetrics.Point> points, long t) {
        double v = Double.NaN;
        for (DropletMetrics.Point p : points) {
            if (p.epochSeconds() <= t) {
                v = p.value();
            } else {
                break;
            }
        }
        return v;
    }
}
