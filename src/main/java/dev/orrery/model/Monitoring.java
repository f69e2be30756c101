package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a cluster is watched: how often its servers are sampled, from where, its alert rules and
 * the webhooks alerts go to. A cluster file without it gets {@link #defaults()}.
 *
 * @param sampleSeconds how often each server is sampled (10 by default)
 * @param source        {@code ssh}: Orrery reads /proc over its SSH connection (the sandbox
 *                      locally); {@code digitalocean}: droplets that run DigitalOcean's monitoring
 *                      agent are read from the Monitoring API instead (shown as such)
 */
public record Monitoring(int sampleSeconds, Source source, List<AlertRule> rules, List<Webhook> webhooks) {

    public static final int DEFAULT_SAMPLE_SECONDS = 10;

    /** Where samples come from. */
    public enum Source {
        @JsonProperty("ssh") SSH,
        @JsonProperty("digitalocean") DIGITALOCEAN;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Monitoring {
        source = source != null ? source : Source.SSH;
        rules = rules != null ? List.copyOf(rules) : defaultRules();
        webhooks = webhooks != null ? List.copyOf(webhooks) : List.of();
    }

    @JsonCreator
    static Monitoring fromJson(@JsonProperty("sampleSeconds") Integer sampleSeconds,
                               @JsonProperty("source") Source source,
                               @JsonProperty("rules") List<AlertRule> rules,
                               @JsonProperty("webhooks") List<Webhook> webhooks) {
        return new Monitoring(sampleSeconds != null ? sampleSeconds : DEFAULT_SAMPLE_SECONDS, source, rules, webhooks);
    }

    public static Monitoring defaults() {
        return new Monitoring(DEFAULT_SAMPLE_SECONDS, Source.SSH, null, null);
    }

    /** One rule of each kind, with the defaults. */
    public static List<AlertRule> defaultRules() {
        return Arrays.stream(AlertKind.values()).map(AlertRule::defaultFor).toList();
    }

    public Optional<AlertRule> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<Webhook> webhook(String name) {
        return webhooks.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The same settings with {@code rule} in place of the rule of that name (or added). */
    public Monitoring withRule(AlertRule rule) {
        List<AlertRule> next = new ArrayList<>(rules);
        int at = -1;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).name().equals(rule.name())) {
                at = i;
            }
        }
        if (at >= 0) {
            next.set(at, rule);
        } else {
            next.add(rule);
        }
        return new Monitoring(sampleSeconds, source, next, webhooks);
    }

    public Monitoring withoutRule(String name) {
        List<AlertRule> next = new ArrayList<>(rules);
        next.removeIf(r -> r.name().equals(name));
        return new Monitoring(sampleSeconds, source, next, webhooks);
    }

    public Monitoring withWebhook(Webhook w) {
        List<Webhook> next = new ArrayList<>(webhooks);
        next.removeIf(x -> x.name().equals(w.name()));
        next.add(w);
        return new Monitoring(sampleSeconds, source, rules, next);
    }

    public Monitoring withoutWebhook(String name) {
        List<Webhook> next = new ArrayList<>(webhooks);
        next.removeIf(x -> x.name().equals(name));
        return new Monitoring(sampleSeconds, source, rules, next);
    }

    public Monitoring withSampleSeconds(int v) {
        return new Monitoring(v, source, rules, webhooks);
    }

    public Monitoring withSource(Source v) {
        return new Monitoring(sampleSeconds, v, rules, webhooks);
    }
}
