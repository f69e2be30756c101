package dev.orrery.alerts;

import dev.orrery.metrics.Metric;
import dev.orrery.metrics.Reading;
import dev.orrery.metrics.Sample;
import dev.orrery.model.AlertKind;
import dev.orrery.model.AlertRule;
import dev.orrery.model.Monitoring;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule state machine: once per incident, resolved once, no flapping, nothing on stale data. */
class AlertEvaluatorTest {
    final List<AlertEvent> events = new ArrayList<>();

    AlertEvaluator evaluator(Monitoring m) {
        AlertEvaluator e = new AlertEvaluator("crater", m);
        e.addListener(events::add);
        return e;
    }

    static Sample cpu(String server, long t, double cpu) {
        double[] v = Sample.unknown();
        v[Metric.CPU.ordinal()] = cpu;
        return new Sample(server, t, Sample.Source.SSH, v, List.of());
    }

    static Sample disk(String server, long t, double percentUsed) {
        double[] v = Sample.unknown();
        v[Metric.DISK.ordinal()] = percentUsed;
        long used = Math.round(percentUsed * 10);
        return new Sample(server, t, Sample.Source.SSH, v,
                List.of(new Reading.FileSystemUse("/dev/loop3", "ext4", "/srv/data", 1000, used, 1000 - used)));
    }

    @Test
    void aPercentReadsAsFormatWouldPrintIt() {
        for (double v : new double[] {0, 0.04, 0.05, 9.95, 42, 89.96, 90.04, 97.25, 99.99, 100, 123.456}) {
            assertThat(AlertEvaluator.percent(v)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", v));
        }
    }

    @Test
    void cpuOverNinetyForFiveMinutesFiresOnceAndResolvesOnce() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        long t = 0;
        for (int i = 0; i < 30; i++, t += 10_000) { // 0 … 290 s over 90%: not five minutes yet
            e.onSample(cpu("app-1", t, 97));
        }
        assertThat(events).isEmpty();
        e.onSample(cpu("app-1", t, 97)); // 300 s
        assertThat(events).singleElement().satisfies(ev -> {
            assertThat(ev.firing()).isTrue();
            assertThat(ev.rule()).isEqualTo("cpu");
            assertThat(ev.subject()).isEqualTo("app-1");
            assertThat(ev.text()).isEqualTo("app-1: CPU over 90% for 5 min (CPU 97.0%)");
        });
        // hovering around the threshold for ten minutes: the same incident, no message
        for (int i = 0; i < 60; i++) {
            e.onSample(cpu("app-1", t += 10_000, i % 2 == 0 ? 88 : 93));
        }
        // clear (under 85%) for 50 s, then back up: still the same incident
        for (int i = 0; i < 6; i++) {
            e.onSample(cpu("app-1", t += 10_000, 40));
        }
        e.onSample(cpu("app-1", t += 10_000, 95));
        assertThat(events).hasSize(1);
        // clear for a full minute: resolved, once
        for (int i = 0; i < 10; i++) {
            e.onSample(cpu("app-1", t += 10_000, 42));
        }
        assertThat(events).hasSize(2);
        AlertEvent resolved = events.get(1);
        assertThat(resolved.firing()).isFalse();
        assertThat(resolved.sinceMs()).isEqualTo(events.get(0).timeMs());
        assertThat(resolved.incidentId()).isEqualTo(events.get(0).incidentId());
        assertThat(resolved.text()).isEqualTo("app-1: CPU back under 90% (CPU 42.0%)");
    }

    @Test
    void aBreachThatIsInterruptedStartsItsFiveMinutesAgain() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        long t = 0;
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < 25; i++) {
                e.onSample(cpu("app-1", t += 10_000, 99));
            }
            e.onSample(cpu("app-1", t += 10_000, 89)); // in the band: not a breach, the run breaks
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aValueFlappingAtTheThresholdIsOneIncident() {
        Monitoring m = Monitoring.defaults().withRule(AlertRule.defaultFor(AlertKind.DISK).withThreshold(85));
        AlertEvaluator e = evaluator(m);
        long t = 0;
        for (int i = 0; i < 100; i++) {
            e.onSample(disk("db-1", t += 10_000, i % 2 == 0 ? 86 : 84));
        }
        assertThat(events).singleElement().satisfies(ev -> assertThat(ev.text()).isEqualTo("db-1: disk over 85% (disk on /srv/data 86.0%)"));
    }

    @Test
    void samplesThatStopDoNotFireOrResolveOnOldData() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        e.onSample(cpu("app-1", 0, 99));
        e.onSample(cpu("app-1", 10_000, 99));
        // the server stops answering: ten minutes pass with no samples
        for (long t = 20_000; t < 600_000; t += 1000) {
            e.tick(t);
        }
        assertThat(events).isEmpty();
    }

    @Test
    void downForMoreThanSixtySecondsFromTheLiveAlarmOnly() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        e.onAlarm("app-2", true, "app-2 is down: refused", 0);
        e.tick(30_000);
        e.onAlarm("app-2", false, "app-2 is up again", 31_000); // a 31-second blip
        e.tick(120_000);
        assertThat(events).isEmpty();

        e.onAlarm("app-2", true, "app-2 is down: refused", 200_000);
        e.tick(259_000);
        assertThat(events).isEmpty();
        e.tick(260_000);
        assertThat(events).singleElement().satisfies(ev -> assertThat(ev.text()).isEqualTo("app-2: down for more than 1 min (app-2 is down: refused)"));
        e.onAlarm("app-2", false, "app-2 is up again", 300_000);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).text()).isEqualTo("app-2: back up (app-2 is up again)");
    }

    @Test
    void aFailedDeployOrARollbackFiresAndTheNextGoodDeployResolves() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        e.onDeployFinished(false, true, null, "Deploy v3 to crater", 0); // cancelled by the user
        assertThat(events).isEmpty();
        e.onDeployFinished(false, false, "app-2 failed its health gate", "Deploy v3 to crater", 1_000);
        e.onDeployFinished(true, false, null, "Roll back crater", 2_000);
        assertThat(events).singleElement().satisfies(ev -> {
            assertThat(ev.subject()).isEmpty();
            assertThat(ev.text()).isEqualTo("Deploy v3 to crater failed: app-2 failed its health gate");
        });
        e.onDeployFinished(false, false, null, "Deploy v4 to crater", 3_000);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).firing()).isFalse();
    }

    @Test
    void aCertificateWithinFourteenDaysFiresAndARenewalResolves() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        e.onCertificate("lb-1", 40, "2026-03-01", 0);
        e.onCertificate("lb-1", 13.5, "2026-03-01", 1_000);
        e.onCertificate("lb-1", 13.2, "2026-03-01", 2_000);
        e.onCertificate("lb-1", 89.9, "2026-05-30", 3_000);
        assertThat(events).extracting(AlertEvent::text).containsExactly(
                "lb-1: the certificate expires in 13.5 days (2026-03-01)",
                "lb-1: certificate renewed: the certificate expires in 89.9 days (2026-05-30)");
    }

    @Test
    void turningARuleOffResolvesItsIncidentAndEditingKeepsIt() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        e.onSample(disk("db-1", 0, 91));
        assertThat(events).hasSize(1);
        Monitoring edited = Monitoring.defaults().withRule(AlertRule.defaultFor(AlertKind.DISK).withThreshold(88));
        e.setSettings(edited, 1_000);
        assertThat(events).hasSize(1); // still over 88: the same incident goes on
        e.setSettings(edited.withRule(AlertRule.defaultFor(AlertKind.DISK).withThreshold(88).withEnabled(false)), 2_000);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).firing()).isFalse();
        assertThat(events.get(1).text()).contains("the rule was turned off");
    }

    @Test
    void anIncidentFiringBeforeARestartDoesNotFireAgain() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        e.restoreFiring("disk", "db-1", 500);
        e.onSample(disk("db-1", 10_000, 92));
        assertThat(events).isEmpty();
        for (int i = 0; i <= 6; i++) {
            e.onSample(disk("db-1", 20_000 + i * 10_000L, 50));
        }
        assertThat(events).singleElement().satisfies(ev -> {
            assertThat(ev.firing()).isFalse();
            assertThat(ev.sinceMs()).isEqualTo(500);
        });
    }

    @Test
    void aRemovedServersIncidentResolves() {
        AlertEvaluator e = evaluator(Monitoring.defaults());
        e.onSample(disk("app-3", 0, 99));
        e.keepServers(Set.of("app-1"), 1_000);
        assertThat(events).extracting(AlertEvent::text).containsExactly("app-3: disk over 85% (disk on /srv/data 99.0%)", "app-3 left the cluster");
    }
}
