package dev.orrery.engine;

import dev.orrery.alerts.AlertChannels;
import dev.orrery.alerts.AlertEvaluator;
import dev.orrery.alerts.AlertEvent;
import dev.orrery.alerts.AlertHistory;
import dev.orrery.alerts.CertificateCheck;
import dev.orrery.alerts.WebhookSender;
import dev.orrery.cloud.SecretSlot;
import dev.orrery.engine.state.JobKind;
import dev.orrery.engine.state.LiveClusterState;
import dev.orrery.engine.state.LiveEvent;
import dev.orrery.health.ExecutorProbeClock;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.LaneExecutor;
import dev.orrery.metrics.DigitalOceanSource;
import dev.orrery.metrics.MetricsQueries;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.metrics.MetricsStore;
import dev.orrery.metrics.ProbeRecorder;
import dev.orrery.metrics.Sample;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.remote.ExecResult;
import dev.orrery.sandbox.SandboxCluster;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.store.history.HistoryDb;
import dev.orrery.store.history.HistoryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches one cluster for as long as a face keeps it open: samples every server's metrics into
 * the history store, records the health probes' results, marks deploys on the charts, and runs
 * the cluster's alert rules on what happens — samples, the live state's unplanned outages (a
 * planned deploy stop never counts), the balancer's certificate and the engine's deploy and
 * rollback jobs — sending each firing and resolved message to the desktop and the webhooks.
 * Everything runs on the engine's executors; nothing here waits on the caller's thread.
 *
 * <pre>{@code
 * ClusterWatch w = orrery.watch(cluster, ClusterWatch.Options.defaults());
 * w.attach(healthMonitor);                  // probe results and the live state's alarms
 * w.channels().addDesktop(notice -> …);     // the window's notifications
 * w.update(editedCluster);                  // servers added or removed, rules edited
 * w.close();
 * }</pre>
 */
public final class ClusterWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);

    /**
     * @param sampleMs        the sample interval; 0 takes the cluster's {@code monitoring.sampleSeconds}
     * @param tickMs          how often the rules look at the time (outage and "for" durations)
     * @param maintainMs      how often roll-ups, retention and the size cap run
     * @param certificateMs   how often the balancer's certificate is read
     * @param digitalOceanMs  how often the Monitoring API is read for droplets that use it
     */
    public record Options(long sampleMs, long tickMs, long maintainMs, long certificateMs, long digitalOceanMs) {
        public static Options defaults() {
            return new Options(0, 1_000, 60_000, 6 * 3600_000L, 300_000);
        }

        public Options withSampleMs(long ms) {
            return new Options(ms, tickMs, maintainMs, certificateMs, digitalOceanMs);
        }
    }

    private final Orrery orrery;
    private final String name;
    private final Options options;
    private final HistoryWriter writer;
    private final MetricsStore store;
    private final AlertHistory history;
    private final MetricsSampler sampler;
    private final DigitalOceanSource digitalOcean;
    private final AlertEvaluator evaluator;
    private final AlertChannels channels;
    private final ProbeRecorder probes;
    private final LiveClusterState live;
    private final Consumer<LiveEvent> liveListener = this::onLive;
    private final JobListener jobListener = this::onJob;
    private final Map<Long, JobEvent.Started> jobs = new ConcurrentHashMap<>();
    private final Set<String> withoutAgent = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Sample>> sampleListeners = new CopyOnWriteArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final List<HealthMonitor> attached = new CopyOnWriteArrayList<>();
    private volatile Cluster cluster;
    private volatile List<MetricsSampler.Status> left = List.of();

    ClusterWatch(Orrery orrery, Cluster c, Options options) throws Exception {
        this.orrery = orrery;
        this.name = c.name();
        this.options = options;
        this.cluster = c;
        this.writer = orrery.historyWriter();
        this.store = MetricsStore.open(writer.db());
        this.history = AlertHistory.open(writer.db());
        Engine engine = orrery.engine();
        ExecutorProbeClock clock = new ExecutorProbeClock(engine.scheduler());
        long sampleMs = options.sampleMs() > 0 ? options.sampleMs() : c.monitoringSettings().sampleSeconds() * 1000L;
        this.sampler = new MetricsSampler(clock, new LaneExecutor(engine.io(), 4), sampleMs);
        this.digitalOcean = new DigitalOceanSource(() -> {
            try {
                return orrery.digitalOcean().client();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, clock, engine.io(), options.digitalOceanMs());
        this.evaluator = new AlertEvaluator(name, c.monitoringSettings());
        WebhookSender.Transport http = WebhookSender.http();
        this.channels = new AlertChannels(history, writer, w -> new WebhookSender(w, () -> orrery.secret(webhookSecret(name, w.name())).load(),
                http, clock, engine.io()), System::currentTimeMillis);
        this.probes = new ProbeRecorder(name, store, writer);
        this.live = orrery.live(name);

        channels.setWebhooks(c.monitoringSettings().webhooks());
        evaluator.addListener(channels::deliver);
        for (AlertEvent open : history.open(name)) {
            evaluator.restoreFiring(open.rule(), open.subject(), open.sinceMs());
        }
        sampler.addListener(this::onSample);
        digitalOcean.addListener(this::onSample);
        digitalOcean.onNoAgent(server -> {
            if (withoutAgent.add(server)) {
                engine.io().execute(() -> retarget(cluster));
            }
        });
        live.setCluster(c);
        live.addListener(liveListener);
        engine.addListener(jobListener);
        retarget(c);
        sampler.start();
        digitalOcean.start();
        timers.add(engine.scheduler().scheduleWithFixedDelay(() -> evaluator.tick(System.currentTimeMillis()),
                options.tickMs(), options.tickMs(), TimeUnit.MILLISECONDS));
        timers.add(engine.scheduler().scheduleWithFixedDelay(this::maintain, options.maintainMs(), options.maintainMs(), TimeUnit.MILLISECONDS));
        timers.add(engine.scheduler().scheduleWithFixedDelay(() -> engine.io().execute(this::checkCertificate),
                0, options.certificateMs(), TimeUnit.MILLISECONDS));
    }

    /** Where a cluster's webhook URL is kept (a secret like the DigitalOcean token). */
    public static SecretSlot webhookSecret(String cluster, String webhook) {
        return SecretSlot.named("webhook." + cluster + "." + webhook);
    }

    public String name() {
        return name;
    }

    public Cluster cluster() {
        return cluster;
    }

    public MetricsQueries queries() {
        return new MetricsQueries(writer.db());
    }

    public AlertEvaluator evaluator() {
        return evaluator;
    }

    public AlertChannels channels() {
        return channels;
    }

    public AlertHistory history() {
        return history;
    }

    public long sampleMs() {
        return sampler.intervalMs();
    }

    /** Samples as they arrive (engine threads: only enqueue). */
    public void addSampleListener(Consumer<Sample> l) {
        sampleListeners.add(l);
    }

    public void removeSampleListener(Consumer<Sample> l) {
        sampleListeners.remove(l);
    }

    /** How sampling goes for every server: read over SSH, locally, from DigitalOcean, or left out and why. */
    public List<MetricsSampler.Status> sampling() {
        List<MetricsSampler.Status> all = new ArrayList<>(sampler.status());
        all.addAll(digitalOcean.status());
        all.addAll(left);
        return all;
    }

    /**
     * Feeds this cluster's health monitor into the history (probe results) and into the live
     * state, whose alarms the outage rule follows. Until the face itself feeds the live state
     * from its monitor, this does it (a second feed changes nothing: the live state only
     * publishes changes).
     */
    public void attach(HealthMonitor monitor) {
        if (!attached.contains(monitor)) {
            attached.add(monitor);
            monitor.addListener(probes);
            monitor.addListener(live);
        }
    }

    public void detach(HealthMonitor monitor) {
        if (attached.remove(monitor)) {
            monitor.removeListener(probes);
            monitor.removeListener(live);
            probes.flush();
        }
    }

    /** The cluster as the file now says: servers added and removed, rules and webhooks edited. */
    public void update(Cluster next) {
        cluster = next;
        long now = System.currentTimeMillis();
        evaluator.setSettings(next.monitoringSettings(), now);
        evaluator.keepServers(next.servers().stream().map(Server::name).collect(Collectors.toSet()), now);
        channels.setWebhooks(next.monitoringSettings().webhooks());
        live.setCluster(next);
        orrery.engine().io().execute(() -> retarget(next));
    }

    private synchronized void retarget(Cluster c) {
        SampleTargets.Plan plan = SampleTargets.of(c, orrery.sshHosts(), orrery.knownHosts(), SandboxPaths.of(orrery.home()), withoutAgent);
        sampler.setTargets(plan.targets());
        digitalOcean.setDroplets(plan.droplets());
        left = plan.left();
    }

    private void onSample(Sample s) {
        writer.submit(store.sample(name, s));
        evaluator.onSample(s);
        for (Consumer<Sample> l : sampleListeners) {
            l.accept(s);
        }
    }

    private void onLive(LiveEvent e) {
        if (e instanceof LiveEvent.Alarm a) {
            long now = System.currentTimeMillis();
            evaluator.onAlarm(a.server(), a.raised(), a.text(), now);
            writer.submit(a.raised() ? store.outageBegan(name, a.server(), now, a.text()) : store.outageEnded(name, a.server(), now));
        }
    }

    private void onJob(JobEvent e) {
        if (e instanceof JobEvent.Started s) {
            if (name.equals(s.cluster()) && (s.kind() == JobKind.DEPLOY || s.kind() == JobKind.ROLLBACK)) {
                jobs.put(s.jobId(), s);
                writer.submit(store.marker(name, System.currentTimeMillis(), s.kind() == JobKind.DEPLOY ? "deploy" : "rollback",
                        s.title() + " started"));
            }
        } else if (e instanceof JobEvent.Finished f) {
            JobEvent.Started s = jobs.remove(f.jobId());
            if (s == null) {
                return;
            }
            String error = f.error() == null ? null : firstLine(f.error());
            String how = f.succeeded() ? "finished" : f.cancelled() ? "cancelled" : "failed: " + error;
            long now = System.currentTimeMillis();
            writer.submit(store.marker(name, now, f.succeeded() ? (s.kind() == JobKind.DEPLOY ? "deploy" : "rollback") : "failed",
                    s.title() + " " + how));
            evaluator.onDeployFinished(s.kind() == JobKind.ROLLBACK, f.cancelled(), error, s.title(), now);
        }
    }

    private void maintain() {
        long now = System.currentTimeMillis();
        writer.submit(store.maintain(now, 2 * sampler.intervalMs() + 5_000));
        writer.submit(history.maintain(now));
        orrery.engine().io().execute(() -> {
            try {
                writer.flush().join();
                writer.db().enforceCap(HistoryDb.capBytes(orrery.env()));
            } catch (Exception ex) {
                LOG.warn("history upkeep failed: {}", ex.getMessage());
            }
        });
    }

    /**
     * Reads each balancer's certificate over SSH (when the cluster ends TLS there) and tells the
     * rules, per balancer: a failover pair's standby must not carry an expiring certificate into a failover.
     */
    void checkCertificate() {
        Cluster c = cluster;
        if (c.balancer().tls() == null) {
            return;
        }
        for (Server lb : c.balancerServers()) {
            checkCertificate(c, lb);
        }
    }

    private void checkCertificate(Cluster c, Server lb) {
        if (SandboxCluster.PROVIDER.equals(lb.provider()) || orrery.knownHosts().knownTypes(lb.publicAddress(), lb.sshPort()).isEmpty()) {
            return;
        }
        try {
            List<String> pem = new ArrayList<>();
            ExecResult r = orrery.sshHosts().hostFor(lb).exec(CertificateCheck.command(c.balancer().tls().certificatePath()), pem::add);
            if (!r.ok()) {
                LOG.info("cannot read the certificate on {}: {}", lb.name(), r.output());
                return;
            }
            CertificateCheck.Expiry expiry = CertificateCheck.read(pem);
            long now = System.currentTimeMillis();
            evaluator.onCertificate(lb.name(), expiry.daysLeft(now), expiry.notAfter().toString().substring(0, 10), now);
        } catch (Exception e) {
            LOG.info("cannot check the certificate on {}: {}", lb.name(), e.getMessage());
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        timers.forEach(t -> t.cancel(false));
        sampler.close();
        digitalOcean.stop();
        attached.forEach(this::detach);
        live.removeListener(liveListener);
        orrery.engine().removeListener(jobListener);
        channels.close();
        probes.flush();
    }
}
