package dev.orrery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.alerts.AlertEvent;
import dev.orrery.alerts.AlertHistory;
import dev.orrery.engine.ClusterWatch;
import dev.orrery.model.AlertRule;
import dev.orrery.model.Cluster;
import dev.orrery.model.Monitoring;
import dev.orrery.model.Webhook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code orrery alerts list|history|test|set|webhook|watch CLUSTER}: a cluster's alert rules, channels and history. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"A cluster's alert rules (kept in its file), webhooks (URLs kept like the DigitalOcean token) and alert history."},
        subcommands = {AlertsCommand.ListRules.class, AlertsCommand.History.class, AlertsTestCommand.class, AlertsEditCommands.Set.class,
                AlertsEditCommands.WebhookCommand.class, AlertsWatchCommand.class})
final class AlertsCommand implements Runnable {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is needed: list, history, test, set, webhook or watch");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The rules, the webhooks and the incidents firing now.",
            footer = {"", "JSON: {\"cluster\", \"sampleSeconds\", \"source\", \"rules\": [{\"name\", \"kind\", \"threshold\", \"forSeconds\",",
                    "  \"clearSeconds\", \"enabled\", \"describe\"}], \"webhooks\": [{\"name\", \"format\", \"urlStored\"}], \"firing\": [{…history entry}]}"})
    static final class ListRules extends ClusterCommand {
        @Parameters(paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
        String cluster;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        protected int execute() throws Exception {
            Cluster c = load(cluster);
            Monitoring m = c.monitoringSettings();
            AlertHistory history = AlertHistory.open(ctx().orrery().historyWriter().db());
            List<AlertEvent> firing = history.open(c.name());
            if (json) {
                ctx().out().println(History.Json.list(c, m, firing, w -> stored(c, w)));
                return 0;
            }
            ctx().out().println("cluster " + c.name() + ": sampled every " + m.sampleSeconds() + " s " + (m.source() == Monitoring.Source.DIGITALOCEAN
                    ? "(droplets with do-agent from DigitalOcean's Monitoring API, the rest over SSH)" : "over SSH (the sandbox locally)"));
            TextTable t = new TextTable("RULE", "KIND", "FIRES WHEN", "RESOLVES AFTER", "ON");
            for (AlertRule r : m.rules()) {
                t.row(r.name(), r.kind().key(), r.describe(), r.clearSeconds() == 0 ? "at once" : "clear for " + AlertRule.duration(r.clearSeconds()),
                        r.enabled() ? "yes" : "no");
            }
            ctx().out().print(t);
            ctx().out().println();
            if (m.webhooks().isEmpty()) {
                ctx().out().println("Webhooks: none (add one with `orrery alerts webhook add " + cluster + " NAME`). Alerts show on the desktop while the window is open.");
            } else {
                TextTable w = new TextTable("WEBHOOK", "FORMAT", "URL");
                for (Webhook h : m.webhooks()) {
                    w.row(h.name(), h.format().key(), stored(c, h) ? "stored (" + ctx().orrery().secret(ClusterWatch.webhookSecret(c.name(), h.name())).describe() + ")"
                            : "MISSING: `orrery alerts webhook add " + cluster + " " + h.name() + "`");
                }
                ctx().out().print(w);
            }
            ctx().out().println();
            ctx().out().println(firing.isEmpty() ? "Firing now: nothing." : "Firing now:");
            for (AlertEvent e : firing) {
                ctx().out().println("  since " + TIME.format(Instant.ofEpochMilli(e.sinceMs())) + "  " + e.text());
            }
            return 0;
        }

        private boolean stored(Cluster c, Webhook w) {
            try {
                return ctx().orrery().secret(ClusterWatch.webhookSecret(c.name(), w.name())).load().isPresent();
            } catch (Exception e) {
                return false;
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Alerts that fired and resolved, newest first, with their deliveries.",
            footer = {"", "JSON: [{\"status\", \"cluster\", \"rule\", \"kind\", \"server\", \"text\", \"at\", \"since\", \"test\",",
                    "  \"deliveries\": [{\"channel\", \"at\", \"ok\", \"attempt\", \"detail\"}]}]"})
    static final class History extends ClusterCommand {
        @Parameters(paramLabel = "CLUSTER", description = "the cluster file, or the name of a cluster Orrery knows")
        String cluster;

        @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "7d",
                description = "how far back (default 7d)")
        Duration since;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "at most N messages (default 100)")
        int limit;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        protected int execute() throws Exception {
            if (limit < 1 || limit > 100_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be between 1 and 100000");
            }
            DurationConverter.inRange(spec.commandLine(), "--since", since, Duration.ofSeconds(1), Duration.ofDays(3660));
            Cluster c = load(cluster);
            AlertHistory history = AlertHistory.open(ctx().orrery().historyWriter().db());
            List<AlertHistory.Entry> entries = history.history(c.name(), System.currentTimeMillis() - since.toMillis(), limit);
            if (json) {
                ctx().out().println(Json.history(entries));
                return 0;
            }
            if (entries.isEmpty()) {
                ctx().out().println("No alerts for " + c.name() + " in the last " + DurationConverter.shortForm(since.toSeconds()) + ".");
                return 0;
            }
            TextTable t = new TextTable("WHEN", "STATUS", "RULE", "SERVER", "MESSAGE", "DELIVERED");
            for (AlertHistory.Entry e : entries) {
                AlertEvent ev = e.event();
                t.row(TIME.format(Instant.ofEpochMilli(ev.timeMs())), ev.status().toUpperCase(java.util.Locale.ROOT), ev.rule(),
                        ev.subject().isEmpty() ? "-" : ev.subject(), ev.text(), deliveries(e.deliveries()));
            }
            ctx().out().print(t);
            return 0;
        }

        static String deliveries(List<AlertHistory.Delivery> ds) {
            if (ds.isEmpty()) {
                return "-";
            }
            java.util.Map<String, AlertHistory.Delivery> last = new java.util.LinkedHashMap<>();
            ds.forEach(d -> last.put(d.channel(), d));
            return String.join(", ", last.values().stream().map(d -> d.channel() + (d.ok() ? " ok" : " FAILED (" + d.detail() + ")")
                    + (d.attempt() > 1 ? " after " + d.attempt() + " tries" : "")).toList());
        }

        /** JSON on its own class: picocli reads this command's methods, so --help loads no Jackson. */
        static final class Json {
            private Json() {
            }

            static String list(Cluster c, Monitoring m, List<AlertEvent> firing, java.util.function.Predicate<Webhook> stored) throws Exception {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode root = mapper.createObjectNode();
                root.put("cluster", c.name());
                root.put("sampleSeconds", m.sampleSeconds());
                root.put("source", m.source().key());
                ArrayNode rules = root.putArray("rules");
                for (AlertRule r : m.rules()) {
                    rules.addObject().put("name", r.name()).put("kind", r.kind().key()).put("threshold", r.threshold())
                            .put("forSeconds", r.forSeconds()).put("clearSeconds", r.clearSeconds()).put("enabled", r.enabled())
                            .put("describe", r.describe());
                }
                ArrayNode hooks = root.putArray("webhooks");
                for (Webhook w : m.webhooks()) {
                    hooks.addObject().put("name", w.name()).put("format", w.format().key()).put("urlStored", stored.test(w));
                }
                ArrayNode f = root.putArray("firing");
                for (AlertEvent e : firing) {
                    f.add(json(mapper, e, List.of()));
                }
                return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
            }

            static String history(List<AlertHistory.Entry> entries) throws Exception {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode all = mapper.createArrayNode();
                for (AlertHistory.Entry e : entries) {
                    all.add(json(mapper, e.event(), e.deliveries()));
                }
                return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all);
            }

        static ObjectNode json(ObjectMapper m, AlertEvent e, List<AlertHistory.Delivery> deliveries) {
            ObjectNode n = m.createObjectNode();
            n.put("status", e.status());
            n.put("cluster", e.cluster());
            n.put("rule", e.rule());
            n.put("kind", e.kind().key());
            n.put("server", e.subject().isEmpty() ? null : e.subject());
            n.put("text", e.text());
            n.put("at", Instant.ofEpochMilli(e.timeMs()).toString());
            n.put("since", Instant.ofEpochMilli(e.sinceMs()).toString());
            n.put("test", e.test());
            ArrayNode ds = n.putArray("deliveries");
            for (AlertHistory.Delivery d : deliveries) {
                ds.addObject().put("channel", d.channel()).put("at", Instant.ofEpochMilli(d.timeMs()).toString()).put("ok", d.ok())
                        .put("attempt", d.attempt()).put("detail", d.detail());
            }
            return n;
        }
        }
    }
}
