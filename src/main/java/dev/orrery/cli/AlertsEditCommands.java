package dev.orrery.cli;

import dev.orrery.engine.ClusterWatch;
import dev.orrery.model.AlertKind;
import dev.orrery.model.AlertRule;
import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Monitoring;
import dev.orrery.model.Problem;
import dev.orrery.model.Rules;
import dev.orrery.model.Webhook;
import dev.orrery.store.ClusterStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Editing a cluster's alert rules and webhooks from the command line (the window's Alerts tab does the same). */
final class AlertsEditCommands {
    private AlertsEditCommands() {
    }

    /** Saves {@code next} if it is valid; otherwise says which field is wrong and changes nothing (exit 1). */
    static int save(CliBase cmd, Path file, Cluster next, String done) throws Exception {
        List<Problem> problems = ClusterValidator.validate(next);
        if (!problems.isEmpty()) {
            cmd.ctx().err().println("orrery alerts: " + problems.stream().map(Problem::toString).collect(Collectors.joining("; "))
                    + " (nothing was changed)");
            return 1;
        }
        ClusterStore.save(file, next);
        cmd.ctx().out().println(done);
        return 0;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Changes a rule (or adds one: RULE is a kind, or give --kind). A window that has the cluster open picks it up.",
                    "Kinds: server-down, cpu, memory, disk (threshold in %%), certificate (threshold in days), deploy."})
    static final class Set extends ClusterCommand {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
        String cluster;

        @Parameters(index = "1", paramLabel = "RULE", description = "the rule's name, e.g. cpu")
        String rule;

        @Option(names = "--kind", paramLabel = "KIND", description = "the kind of a new rule")
        String kind;

        @Option(names = "--threshold", paramLabel = "N", description = "percent (cpu, memory, disk) or days (certificate)")
        Integer threshold;

        @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class, description = "how long it must hold before it fires, e.g. 5m")
        Duration forTime;

        @Option(names = "--clear", paramLabel = "DURATION", converter = DurationConverter.class, description = "how long it must be clear before it resolves")
        Duration clearTime;

        @Option(names = "--on", description = "turn the rule on")
        boolean on;

        @Option(names = "--off", description = "turn the rule off")
        boolean off;

        @Option(names = "--remove", description = "remove the rule")
        boolean remove;

        @Override
        protected int execute() throws Exception {
            if (on && off) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--on and --off cannot both be given");
            }
            Path file = clusterFile(cluster);
            Cluster c = ClusterStore.load(file);
            Monitoring m = c.monitoringSettings();
            if (remove) {
                if (m.rule(rule).isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "cluster " + c.name() + " has no rule " + rule);
                }
                return save(this, file, c.withMonitoring(m.withoutRule(rule)), "Removed the rule " + rule + " of " + c.name() + ".");
            }
            AlertRule r = m.rule(rule).orElse(null);
            if (r == null) {
                AlertKind k;
                try {
                    k = AlertKind.parse(kind != null ? kind : rule);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "cluster " + c.name() + " has no rule " + rule
                            + "; to add one give --kind (" + e.getMessage() + ")");
                }
                AlertRule d = AlertRule.defaultFor(k);
                r = new AlertRule(rule, k, d.threshold(), d.forSeconds(), d.clearSeconds(), true);
            } else if (kind != null && AlertKind.parse(kind) != r.kind()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the rule " + rule + " is a " + r.kind().key()
                        + " rule; remove it and add a new one to change its kind");
            }
            if (threshold != null) {
                r = r.withThreshold(threshold);
            }
            if (forTime != null) {
                r = r.withForSeconds(Math.toIntExact(Math.min(forTime.toSeconds(), Integer.MAX_VALUE)));
            }
            if (clearTime != null) {
                r = r.withClearSeconds(Math.toIntExact(Math.min(clearTime.toSeconds(), Integer.MAX_VALUE)));
            }
            if (on || off) {
                r = r.withEnabled(on);
            }
            return save(this, file, c.withMonitoring(m.withRule(r)), "Rule " + r.name() + " of " + c.name() + ": " + r.describe() + ".");
        }
    }

    @Command(name = "webhook", mixinStandardHelpOptions = true, description = "Adds or removes a webhook. Its URL is kept like the DigitalOcean token, never in the cluster file.",
            subcommands = {WebhookAdd.class, WebhookRemove.class})
    static final class WebhookCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is needed: add or remove");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds (or replaces) a webhook. The URL is read from standard input (one line), so it never shows in ps or shell history:",
                    "  echo \"$SLACK_WEBHOOK_URL\" | orrery alerts webhook add crater ops --format slack"})
    static final class WebhookAdd extends ClusterCommand {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
        String cluster;

        @Parameters(index = "1", paramLabel = "NAME", description = "the webhook's name, e.g. ops")
        String name;

        @Option(names = "--format", paramLabel = "json|slack", defaultValue = "json",
                description = "json: Orrery's own body (see the README); slack: {\"text\": …} for Slack and compatible chats (default json)")
        String format;

        @Override
        protected int execute() throws Exception {
            Webhook.Format f;
            try {
                f = Webhook.Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Rules.name(name).ifPresent(why -> {
                throw new CommandLine.ParameterException(spec.commandLine(), "webhook name " + why);
            });
            Path file = clusterFile(cluster);
            Cluster c = ClusterStore.load(file);
            if (System.console() != null && ctx().in() != null) {
                ctx().err().print("webhook URL: ");
                ctx().err().flush();
            }
            String url = ctx().in() == null ? null : ctx().in().readLine();
            url = url == null ? "" : url.strip();
            java.util.Optional<String> bad = Rules.webhookUrl(url);
            if (bad.isPresent()) {
                ctx().err().println("orrery alerts webhook add: the URL " + bad.get() + " (nothing was changed)");
                return 1;
            }
            dev.orrery.cloud.StoredSecret secret = ctx().orrery().secret(ClusterWatch.webhookSecret(c.name(), name));
            secret.save(url);
            int exit = save(this, file, c.withMonitoring(c.monitoringSettings().withWebhook(new Webhook(name, f))),
                    "Webhook " + name + " (" + f.key() + ") added to " + c.name() + "; its URL is kept in "
                            + secret.describe() + ". Try it: orrery alerts test " + cluster + " --webhook " + name);
            if (exit != 0) {
                secret.delete();
            }
            return exit;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a webhook and forgets its URL.")
    static final class WebhookRemove extends ClusterCommand {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
        String cluster;

        @Parameters(index = "1", paramLabel = "NAME", description = "the webhook's name")
        String name;

        @Override
        protected int execute() throws Exception {
            Path file = clusterFile(cluster);
            Cluster c = ClusterStore.load(file);
            if (c.monitoringSettings().webhook(name).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cluster " + c.name() + " has no webhook " + name);
            }
            int exit = save(this, file, c.withMonitoring(c.monitoringSettings().withoutWebhook(name)), "Webhook " + name + " removed from " + c.name() + ".");
            if (exit == 0) {
                ctx().orrery().secret(ClusterWatch.webhookSecret(c.name(), name)).delete();
            }
            return exit;
        }
    }
}
