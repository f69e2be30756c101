package dev.orrery.cli;

import dev.orrery.alerts.AlertBodies;
import dev.orrery.engine.ClusterWatch;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.HealthTargets;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.model.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code orrery alerts watch CLUSTER}: watches a cluster without the window — health probes,
 * metrics sampling into the history store and the alert rules, with each alert printed and sent
 * to the webhooks — until interrupted (or {@code --seconds}).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watches the cluster without the window until Ctrl-C: probes its app servers, samples every server's metrics",
                "into the history store and sends alerts to its webhooks, printing each one."})
final class AlertsWatchCommand extends ClusterCommand {
    @Parameters(paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
    String cluster;

    @Option(names = "--seconds", paramLabel = "N", description = "stop after N seconds (default: until interrupted)")
    Long seconds;

    @Option(names = "--sample", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "sample every DURATION instead of the cluster's monitoring.sampleSeconds")
    Duration sample;

    @Override
    protected int execute() throws Exception {
        Cluster c = load(cluster);
        ClusterWatch.Options options = ClusterWatch.Options.defaults();
        if (sample != null) {
            DurationConverter.inRange(spec.commandLine(), "--sample", sample, Duration.ofSeconds(1), Duration.ofHours(1));
            options = options.withSampleMs(Math.max(1000, sample.toMillis()));
        }
        HealthTargets.Monitored monitored = ctx().orrery().monitor(c, HealthTargets.Route.AUTO);
        try (HealthMonitor monitor = monitored.monitor(); ClusterWatch w = ctx().orrery().watch(c, options)) {
            w.attach(monitor);
            w.channels().addDesktop(e -> {
                ctx().out().println(AlertsCommand.TIME.format(Instant.ofEpochMilli(e.timeMs())) + "  " + AlertBodies.line(e));
                ctx().out().flush();
            });
            monitor.start();
            ctx().out().println("watching " + c.name() + ": " + c.servers().size() + " servers sampled every " + w.sampleMs() / 1000.0
                    + " s, " + c.monitoringSettings().rules().stream().filter(r -> r.enabled()).count() + " rules, "
                    + c.monitoringSettings().webhooks().size() + " webhooks (Ctrl-C to stop)");
            Thread.sleep(Math.min(5_000, w.sampleMs() * 2));
            for (MetricsSampler.Status s : w.sampling()) {
                if (s.failing()) {
                    ctx().err().println("  " + s.server() + ": " + s.error());
                }
            }
            long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            w.detach(monitor);
        }
        return 0;
    }
}
