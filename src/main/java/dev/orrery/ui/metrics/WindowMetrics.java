package dev.orrery.ui.metrics;

import dev.orrery.alerts.AlertEvent;
import dev.orrery.alerts.AlertHistory;
import dev.orrery.alerts.WebhookSender;
import dev.orrery.engine.ClusterWatch;
import dev.orrery.engine.Orrery;
import dev.orrery.engine.WatchTools;
import dev.orrery.health.HealthMonitor;
import dev.orrery.metrics.Metric;
import dev.orrery.metrics.Sample;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.model.Webhook;
import dev.orrery.ui.alerts.AlertNotifier;
import dev.orrery.ui.alerts.AlertsView;
import dev.orrery.ui.topology.TopologyView;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Metrics and alerts in the window: one engine {@link ClusterWatch} for the open cluster —
 * started off the FX thread when a cluster opens, told of edits, closed when another opens or
 * the window closes — feeding the Metrics tab ({@link MetricsView}), the Alerts tab
 * ({@link AlertsView}), the CPU and memory bars on the node cards and desktop notifications.
 * Node bars are set at most four times a second, whatever the number of servers.
 */
public final class WindowMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(WindowMetrics.class);

    private final Orrery orrery;
    private final ObservableValue<Cluster> cluster;
    private final TopologyView topology;
    private final Tab metricsTab;
    private final Tab alertsTab;
    private final BiConsumer<Cluster, String> apply;
    private final Map<String, double[]> bars = new ConcurrentHashMap<>();
    private final Timeline barTimer;
    private final Consumer<Sample> onSample = this::sampled;
    private final AlertNotifier notifier;
    private ClusterWatch watch;
    private MetricsView metrics;
    private AlertsView alerts;
    private HealthMonitor monitor;
    private int generation;
    private boolean disabled;

    /**
     * @param apply saves an edited cluster (the document's apply), for the Alerts tab's edits
     * @param notifier the desktop channel (tests pass one that records)
     */
    public WindowMetrics(Orrery orrery, ObservableValue<Cluster> cluster, ObservableValue<Path> file, TopologyView topology,
                         Tab metricsTab, Tab alertsTab, BiConsumer<Cluster, String> apply, AlertNotifier notifier) {
        this.orrery = orrery;
        this.cluster = cluster;
        this.topology = topology;
        this.metricsTab = metricsTab;
        this.alertsTab = alertsTab;
        this.apply = apply;
        this.notifier = notifier;
        placeholders();
        cluster.addListener((o, was, now) -> follow(now, was != null && now != null && was.name().equals(now.name())));
        file.addListener((o, was, now) -> {
            stop();
            follow(cluster.getValue(), false);
        });
        barTimer = new Timeline(new KeyFrame(Duration.millis(250), e -> applyBars()));
        barTimer.setCycleCount(Timeline.INDEFINITE);
        barTimer.play();
    }

    /** No sampling at all (screenshots of example clusters). */
    public void disable() {
        disabled = true;
        stop();
    }

    public ClusterWatch watch() {
        return watch;
    }

    public MetricsView metricsView() {
        return metrics;
    }

    public AlertsView alertsView() {
        return alerts;
    }

    /** The health monitor of the open cluster changed (or stopped: null): its probes go to the history. */
    public void setMonitor(HealthMonitor m) {
        HealthMonitor old = monitor;
        monitor = m;
        ClusterWatch w = watch;
        if (w != null) {
            if (old != null) {
                w.detach(old);
            }
            if (m != null) {
                w.attach(m);
            }
        }
    }

    private void follow(Cluster c, boolean sameCluster) {
        if (disabled) {
            return;
        }
        if (c == null) {
            stop();
            return;
        }
        if (watch != null && sameCluster) {
            ClusterWatch w = watch;
            orrery.engine().io().execute(() -> w.update(c));
            metrics.setServers(c.servers().stream().map(Server::name).toList());
            alerts.setCluster(c);
            return;
        }
        stop();
        int gen = ++generation;
        orrery.engine().io().execute(() -> {
            try {
                ClusterWatch w = orrery.watch(c, ClusterWatch.Options.defaults());
                Platform.runLater(() -> {
                    if (gen != generation) {
                        orrery.engine().io().execute(w::close); // another cluster opened meanwhile
                    } else {
                        started(w, c);
                    }
                });
            } catch (Exception e) {
                LOG.warn("cannot watch {}: {}", c.name(), e.getMessage());
                Platform.runLater(() -> metricsTab.setContent(hint("Metrics are not available: " + e.getMessage())));
            }
        });
    }

    private void started(ClusterWatch w, Cluster c) {
        watch = w;
        w.addSampleListener(onSample);
        w.channels().addDesktop(notifier);
        if (monitor != null) {
            w.attach(monitor);
        }
        metrics = new MetricsView(c.name(), c.servers().stream().map(Server::name).toList(), w.queries(), orrery.engine().io(),
                System::currentTimeMillis, w::sampling, w.sampleMs());
        metrics.offerAll();
        metricsTab.setContent(metrics);
        alerts = new AlertsView(actions(w));
        alerts.setCluster(cluster.getValue() != null ? cluster.getValue() : c);
        alertsTab.setContent(alerts);
    }

    /** Stops watching (another cluster, or the window closing); closing runs on the io pool. */
    public void stop() {
        generation++;
        if (metrics != null) {
            metrics.dispose();
            metrics = null;
        }
        alerts = null;
        if (watch != null) {
            ClusterWatch old = watch;
            watch = null;
            old.removeSampleListener(onSample);
            old.channels().removeDesktop(notifier);
            orrery.engine().io().execute(old::close);
            bars.clear();
            Cluster c = cluster.getValue();
            if (c != null) {
                c.servers().forEach(s -> topology.status(s.name()).setResources(Double.NaN, Double.NaN));
            }
        }
        placeholders();
    }

    private void sampled(Sample s) {
        bars.put(s.server(), new double[] {s.get(Metric.CPU), s.memoryPercent()});
        MetricsView v = metrics;
        if (v != null) {
            v.offer(s);
        }
    }

    private void applyBars() {
        for (String name : List.copyOf(bars.keySet())) {
            double[] v = bars.remove(name); // only servers sampled since the last pass
            if (v != null) {
                topology.status(name).setResources(v[0], v[1]);
            }
        }
        if (alerts != null && alertsTab.isSelected()) {
            alerts.refresh();
        }
    }

    private AlertsView.Actions actions(ClusterWatch w) {
        return new AlertsView.Actions() {
            @Override
            public void apply(Cluster next, String what) {
                apply.accept(next, what);
            }

            @Override
            public List<WebhookSender.Status> webhookStatus() {
                return w.channels().webhookStatus();
            }

            @Override
            public void history(Consumer<List<AlertHistory.Entry>> then) {
                orrery.engine().io().execute(() -> {
                    try {
                        List<AlertHistory.Entry> h = w.history().history(w.name(), System.currentTimeMillis() - 30L * 86_400_000, 200);
                        Platform.runLater(() -> then.accept(h));
                    } catch (Exception e) {
                        LOG.info("alert history: {}", e.getMessage());
                    }
                });
            }

            @Override
            public void addWebhook(String name, Webhook.Format format, String url, Consumer<String> then) {
                orrery.engine().io().execute(() -> {
                    try {
                        orrery.secret(ClusterWatch.webhookSecret(w.name(), name)).save(url);
                        Platform.runLater(() -> {
                            Cluster c = cluster.getValue();
                            apply.accept(c.withMonitoring(c.monitoringSettings().withWebhook(new Webhook(name, format))), "Added webhook " + name);
                            then.accept(null);
                        });
                    } catch (Exception e) {
                        Platform.runLater(() -> then.accept("Cannot keep the URL: " + e.getMessage()));
                    }
                });
            }

            @Override
            public void removeWebhook(String name) {
                Cluster c = cluster.getValue();
                apply.accept(c.withMonitoring(c.monitoringSettings().withoutWebhook(name)), "Removed webhook " + name);
                orrery.engine().io().execute(() -> {
                    try {
                        orrery.secret(ClusterWatch.webhookSecret(w.name(), name)).delete();
                    } catch (Exception e) {
                        LOG.info("cannot forget webhook {}: {}", name, e.getMessage());
                    }
                });
            }

            @Override
            public void test(Consumer<List<String>> then) {
                orrery.engine().io().execute(() -> {
                    List<String> lines;
                    try {
                        lines = WatchTools.testWebhooks(orrery, cluster.getValue(), null).get(30, TimeUnit.SECONDS).stream()
                                .map(o -> "webhook " + o.webhook() + ": " + (o.ok() ? "delivered" : "FAILED: " + o.detail())).toList();
                    } catch (Exception e) {
                        lines = List.of("The test could not be sent: " + e.getMessage());
                    }
                    List<String> done = lines;
                    Platform.runLater(() -> then.accept(done));
                });
            }
        };
    }

    private void placeholders() {
        metricsTab.setContent(hint("Open a cluster to see its servers' CPU, memory, disk, network and latency."));
        alertsTab.setContent(hint("Open a cluster to see and edit its alert rules."));
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-hint");
        l.setWrapText(true);
        return l;
    }

    /** A desktop notification for the tests' recorder. */
    public static AlertNotifier recorder(List<AlertEvent> into) {
        return new AlertNotifier(into::addAll);
    }
}
