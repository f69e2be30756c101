package dev.orrery.cli;

import dev.orrery.alerts.WebhookSender;
import dev.orrery.engine.WatchTools;
import dev.orrery.model.Cluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code orrery alerts test CLUSTER [--webhook NAME]}: a test message to each webhook; exit 1 if one fails. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Sends a test message to the cluster's webhooks (or one) and says whether each took it. Exit 1 if any did not.")
final class AlertsTestCommand extends ClusterCommand {
    @Parameters(paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
    String cluster;

    @Option(names = "--webhook", paramLabel = "NAME", description = "only this webhook")
    String webhook;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30",
            description = "how long to wait for the answers (default 30s)")
    Duration timeout;

    @Override
    protected int execute() throws Exception {
        DurationConverter.inRange(spec.commandLine(), "--timeout", timeout, Duration.ofSeconds(1), Duration.ofHours(1));
        Cluster c = load(cluster);
        if (webhook != null && c.monitoringSettings().webhook(webhook).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cluster " + c.name() + " has no webhook " + webhook);
        }
        if (c.monitoringSettings().webhooks().isEmpty()) {
            ctx().err().println("orrery alerts test: cluster " + c.name() + " has no webhooks; add one with `orrery alerts webhook add "
                    + cluster + " NAME` (desktop notifications show in the window)");
            return 1;
        }
        List<WebhookSender.Outcome> outcomes;
        try {
            outcomes = WatchTools.testWebhooks(ctx().orrery(), c, webhook).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ctx().err().println("orrery alerts test: no answer from every webhook within " + DurationConverter.words(timeout));
            return 1;
        }
        boolean allOk = true;
        for (WebhookSender.Outcome o : outcomes) {
            allOk &= o.ok();
            ctx().out().println("webhook " + o.webhook() + ": " + (o.ok() ? "delivered" : "FAILED: " + o.detail().replace("; retrying", "")));
        }
        return allOk ? 0 : 1;
    }
}
