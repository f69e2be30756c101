package dev.orrery.alerts;

import dev.orrery.metrics.Metric;
import dev.orrery.metrics.Reading;
import dev.orrery.metrics.Sample;
import dev.orrery.model.AlertKind;
import dev.orrery.model.AlertRule;
import dev.orrery.model.Monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A cluster's alert rules applied to what happens: metrics samples (CPU, memory, disk), the live
 * state's unplanned-outage alarms (never a planned deploy stop), the balancer's certificate
 * expiry and finished deploys. Each (rule, server) is an {@link Incident}: it fires once and
 * resolves once per incident, and listeners get an {@link AlertEvent} for each.
 *
 * <p>Thread-safe: inputs come from sampler, live-state and job threads; listeners are called
 * under this object's lock, in order, and must only enqueue.
 */
public final class AlertEvaluator {
    /** A metrics observation goes stale after this many sample intervals without a new one. */
    private static final int STALE_INTERVALS = 3;

    private final String cluster;
    private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Incident> incidents = new HashMap<>();
    private Monitoring settings;
    /** The rules by name: {@link #tick} looks one up per incident every second. */
    private Map<String, AlertRule> rules;

    public AlertEvaluator(String cluster, Monitoring settings) {
        this.cluster = cluster;
        this.settings = settings;
        this.rules = byName(settings);
    }

    private static Map<String, AlertRule> byName(Monitoring m) {
        Map<String, AlertRule> out = new HashMap<>();
        for (AlertRule r : m.rules()) {
            out.putIfAbsent(r.name(), r); // as Monitoring.rule: the first of a name
        }
        return out;
    }

    public String cluster() {
        return cluster;
    }

    public void addListener(Consumer<AlertEvent> l) {
        listeners.add(l);
    }

    public synchronized Monitoring settings() {
        return settings;
    }

    /**
     * New rules (edited in the window or with {@code orrery alerts}). An edited rule keeps its
     * incidents, judged by the new threshold and durations from the next observation on; an
     * incident of a rule turned off, removed or given another kind resolves with a message saying so.
     */
    public synchronized void setSettings(Monitoring next, long nowMs) {
        Monitoring old = settings;
        settings = next;
        rules = byName(next);
        for (AlertRule was : old.rules()) {
            AlertRule now = next.rule(was.name()).orElse(null);
            boolean ends = now == null || !now.enabled() || now.kind() != was.kind();
            for (String key : new ArrayList<>(incidents.keySet())) {
                if (!key.startsWith(was.name() + "\u0000")) {
                    continue;
                }
                if (ends) {
                    Incident i = incidents.remove(key);
                    String why = now == null ? "the rule was removed" : !now.enabled() ? "the rule was turned off" : "the rule was changed";
                    if (i.forceResolve()) {
                        emit(was, subjectOf(key), false, nowMs, i.firedAt(), Double.NaN, subjectLabel(subjectOf(key)) + was.describe() + ": " + why);
                    }
                } else {
                    incidents.get(key).retime(now.forSeconds() * 1000L, now.clearSeconds() * 1000L);
                }
            }
        }
    }

    /** Servers that left the cluster: their incidents resolve ("server removed"). */
    public synchronized void keepServers(Set<String> servers, long nowMs) {
        for (String key : new ArrayList<>(incidents.keySet())) {
            String subject = subjectOf(key);
            if (!subject.isEmpty() && !servers.contains(subject)) {
                Incident i = incidents.remove(key);
                AlertRule r = settings.rule(key.substring(0, key.indexOf('\u0000'))).orElse(null);
                if (i.forceResolve() && r != null) {
                    emit(r, subject, false, nowMs, i.firedAt(), Double.NaN, subject + " left the cluster");
                }
            }
        }
    }

    /** Incidents firing when Orrery last stopped (from the history): they resolve later, they do not fire again. */
    public synchronized void restoreFiring(String rule, String subject, long firedAtMs) {
        settings.rule(rule).ifPresent(r -> incidents.put(key(r, subject),
                Incident.firingSince(r.forSeconds() * 1000L, r.clearSeconds() * 1000L, firedAtMs)));
    }

    /** A metrics sample: the CPU, memory and disk rules. */
    public synchronized void onSample(Sample s) {
        long stale = s.timeMs() + STALE_INTERVALS * settings.sampleSeconds() * 1000L;
        for (AlertRule r : settings.rules()) {
            if (!r.enabled() || r.kind() == null) {
                continue;
            }
            double v;
            String what;
            switch (r.kind()) {
                case CPU -> {
                    v = s.get(Metric.CPU);
                    what = "CPU";
                }
                case MEMORY -> {
                    v = s.memoryPercent();
                    what = "memory";
                }
                case DISK -> {
                    v = s.get(Metric.DISK);
                    what = "disk" + fullest(s);
                }
                default -> {
                    continue;
                }
            }
            if (Double.isNaN(v)) {
                continue;
            }
            Incident.Level level = v > r.threshold() ? Incident.Level.BREACH
                    : v < r.threshold() - AlertRule.HYSTERESIS_POINTS ? Incident.Level.CLEAR : Incident.Level.BAND;
            observe(r, s.server(), level, s.timeMs(), stale, v, what + " " + percent(v));
        }
    }

    /** " on /srv": the mount of the fullest file system, or nothing. */
    private static String fullest(Sample s) {
        Reading.FileSystemUse most = null;
        for (Reading.FileSystemUse f : s.fileSystems()) {
            if (most == null || f.percent() > most.percent()) {
                most = f;
            }
        }
        return most == null ? "" : " on " + most.mount();
    }

    /**
     * "97.3%": one decimal, as {@code %.1f} prints it, without a Formatter (this runs for three
     * rules on every sample of every server; String.format builds its locale's symbols each time).
     */
    static String percent(double v) {
        return Math.round(v * 10) / 10.0 + "%";
    }

    /** The live state's alarm: an unplanned outage of {@code server} began ({@code raised}) or ended. */
    public synchronized void onAlarm(String server, boolean raised, String text, long nowMs) {
        for (AlertRule r : enabled(AlertKind.SERVER_DOWN)) {
            observe(r, server, raised ? Incident.Level.BREACH : Incident.Level.CLEAR, nowMs, Long.MAX_VALUE, Double.NaN, text);
        }
    }

    /** The balancer's certificate expires in {@code daysLeft} days (read every few hours). */
    public synchronized void onCertificate(String balancer, double daysLeft, String notAfter, long nowMs) {
        for (AlertRule r : enabled(AlertKind.CERTIFICATE)) {
            Incident.Level level = daysLeft < r.threshold() ? Incident.Level.BREACH : Incident.Level.CLEAR;
            String words = daysLeft < 0 ? "the certificate expired on " + notAfter
                    : String.format(Locale.ROOT, "the certificate expires in %.1f days (%s)", daysLeft, notAfter);
            observe(r, balancer, level, nowMs, Long.MAX_VALUE, daysLeft, words);
        }
    }

    /**
     * A deploy or rollback finished. A failed deploy, a failed rollback or a rollback fires the
     * deploy rule; a successful deploy resolves it. Cancelled jobs say nothing.
     *
     * @param rollback the job rolled back (true) or deployed (false)
     * @param error    null on success
     */
    public synchronized void onDeployFinished(boolean rollback, boolean cancelled, String error, String title, long nowMs) {
        if (cancelled) {
            return;
        }
        boolean bad = rollback || error != null;
        String words = error != null ? title + " failed: " + error : rollback ? title + " rolled the cluster back" : title + " succeeded";
        for (AlertRule r : enabled(AlertKind.DEPLOY)) {
            observe(r, "", bad ? Incident.Level.BREACH : Incident.Level.CLEAR, nowMs, Long.MAX_VALUE, Double.NaN, words);
        }
    }

    /** Time passes: rules whose condition has now held (or been clear) long enough fire (or resolve). */
    public synchronized void tick(long nowMs) {
        for (Map.Entry<String, Incident> e : incidents.entrySet()) {
            String key = e.getKey();
            AlertRule r = rules.get(key.substring(0, key.indexOf('\u0000')));
            if (r != null) {
                Incident.Change c = e.getValue().evaluate(nowMs);
                if (c != Incident.Change.NONE) {
                    changed(r, subjectOf(key), e.getValue(), c, nowMs);
                }
            }
        }
    }

    /** The incidents firing now, as (rule, subject, since). */
    public synchronized List<AlertEvent> firing(long nowMs) {
        List<AlertEvent> out = new ArrayList<>();
        incidents.forEach((k, i) -> {
            if (i.firing()) {
                settings.rule(k.substring(0, k.indexOf('\u0000'))).ifPresent(r -> out.add(event(r, subjectOf(k), true, nowMs,
                        i.firedAt(), i.value(), message(r, subjectOf(k), true, i))));
            }
        });
        return out;
    }

    private List<AlertRule> enabled(AlertKind kind) {
        return settings.rules().stream().filter(r -> r.enabled() && r.kind() == kind).toList();
    }

    private void observe(AlertRule r, String subject, Incident.Level level, long at, long validUntil, double value, String words) {
        Incident i = incidents.computeIfAbsent(key(r, subject), k -> new Incident(r.forSeconds() * 1000L, r.clearSeconds() * 1000L));
        changed(r, subject, i, i.observe(level, at, validUntil, value, words), at);
    }

    private void changed(AlertRule r, String subject, Incident i, Incident.Change c, long now) {
        if (c == Incident.Change.FIRED) {
            emit(r, subject, true, now, i.firedAt(), i.value(), message(r, subject, true, i));
        } else if (c == Incident.Change.RESOLVED) {
            emit(r, subject, false, now, i.firedAt(), i.value(), message(r, subject, false, i));
        }
    }

    /** "app-2: CPU over 90% for 5 min (CPU 97.3%)", "app-2: CPU back to normal (CPU 42.0%)". */
    static String message(AlertRule r, String subject, boolean firing, Incident i) {
        String who = subjectLabel(subject);
        return switch (r.kind()) {
            case SERVER_DOWN -> firing ? who + "down for more than " + AlertRule.duration(r.forSeconds()) + " (" + i.detail() + ")"
                    : who + "back up (" + i.detail() + ")";
            case CPU, MEMORY, DISK -> firing ? who + r.describe() + " (" + i.detail() + ")"
                    : who + r.kind().word() + " back under " + r.threshold() + "% (" + i.detail() + ")";
            case CERTIFICATE -> firing ? who + i.detail() : who + "certificate renewed: " + i.detail();
            case DEPLOY -> firing ? i.detail() : "deploys work again: " + i.detail();
        };
    }

    private static String subjectLabel(String subject) {
        return subject.isEmpty() ? "" : subject + ": ";
    }

    private AlertEvent event(AlertRule r, String subject, boolean firing, long now, long since, double value, String text) {
        return new AlertEvent(cluster, r.name(), r.kind(), subject, firing, now, since, value, r.threshold(), text, false);
    }

    private void emit(AlertRule r, String subject, boolean firing, long now, long since, double value, String text) {
        AlertEvent e = event(r, subject, firing, now, since, value, text);
        for (Consumer<AlertEvent> l : listeners) {
            l.accept(e);
        }
    }

    private static String key(AlertRule r, String subject) {
        return r.name() + "\u0000" + subject;
    }

    private static String subjectOf(String key) {
        return key.substring(key.indexOf('\u0000') + 1);
    }
}
