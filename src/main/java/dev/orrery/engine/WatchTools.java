package dev.orrery.engine;

import dev.orrery.alerts.AlertBodies;
import dev.orrery.alerts.AlertChannels;
import dev.orrery.alerts.AlertEvent;
import dev.orrery.alerts.AlertHistory;
import dev.orrery.alerts.WebhookSender;
import dev.orrery.health.ExecutorProbeClock;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.metrics.MetricsStore;
import dev.orrery.metrics.Sample;
import dev.orrery.model.AlertKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Webhook;
import dev.orrery.sandbox.SandboxPaths;
import dev.orrery.store.history.HistoryWriter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One-off monitoring work for the command line and the window's buttons, without a running
 * {@link ClusterWatch}: sample every server now, send a test message to the webhooks.
 */
public final class WatchTools {

    private WatchTools() {
    }

    /** Samples taken now and how each server went (left-out and failing servers included). */
    public record Taken(List<Sample> samples, List<MetricsSampler.Status> status) {
    }

    /**
     * Reads every server twice, {@code gapMs} apart (rates need two readings), over SSH or
     * locally as a watch would, and stores the samples. Droplets the cluster reads from
     * DigitalOcean's Monitoring API are read over SSH here (an instant reading).
     */
    public static CompletableFuture<Taken> sampleNow(Orrery orrery, Cluster cluster, long gapMs) throws Exception {
        HistoryWriter writer = orrery.historyWriter();
        MetricsStore store = MetricsStore.open(writer.db());
        Cluster viaSsh = cluster.withMonitoring(cluster.monitoringSettings().withSource(dev.orrery.model.Monitoring.Source.SSH));
        SampleTargets.Plan plan = SampleTargets.of(viaSsh, orrery.sshHosts(), orrery.knownHosts(), SandboxPaths.of(orrery.home()), Set.of());
        MetricsSampler sampler = new MetricsSampler(new ExecutorProbeClock(orrery.engine().scheduler()), orrery.engine().io(), Math.max(100, gapMs));
        sampler.setTargets(plan.targets());
        return sampler.sampleOnce(gapMs).thenCompose(samples -> {
            samples.forEach(s -> writer.submit(store.sample(cluster.name(), s)));
            List<MetricsSampler.Status> status = new java.util.ArrayList<>(sampler.status());
            status.addAll(plan.left());
            return writer.flush().thenApply(v -> new Taken(samples, status));
        }).whenComplete((t, e) -> sampler.close()); // its sampling loops' channels (and local processes) end here
    }

    /** A test message to each of the cluster's webhooks (or the one named); completes with each one's first outcome. */
    public static CompletableFuture<List<WebhookSender.Outcome>> testWebhooks(Orrery orrery, Cluster cluster, String only) throws Exception {
        HistoryWriter writer = orrery.historyWriter();
        AlertHistory history = AlertHistory.open(writer.db());
        ExecutorProbeClock clock = new ExecutorProbeClock(orrery.engine().scheduler());
        AlertChannels channels = new AlertChannels(history, writer, w -> new WebhookSender(w,
                () -> orrery.secret(ClusterWatch.webhookSecret(cluster.name(), w.name())).load(), WebhookSender.http(), clock,
                orrery.engine().io()), System::currentTimeMillis);
        List<Webhook> hooks = cluster.monitoringSettings().webhooks().stream().filter(w -> only == null || w.name().equals(only)).toList();
        channels.setWebhooks(hooks);
        long now = System.currentTimeMillis();
        AlertEvent test = new AlertEvent(cluster.name(), "test", AlertKind.DEPLOY, "", true, now, now, Double.NaN, 0,
                "a test message from Orrery: alerts for " + cluster.name() + " reach this channel", true);
        return channels.test(test).whenComplete((o, e) -> channels.close());
    }

    /** The one line a test message shows, for the command line to print. */
    public static String line(AlertEvent e) {
        return AlertBodies.line(e);
    }
}
