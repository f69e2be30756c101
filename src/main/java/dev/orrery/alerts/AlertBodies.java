package dev.orrery.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.model.Webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What a webhook receives. {@code json}: Orrery's own body, one object per message, stable:
 * <pre>{@code
 * {"version": 1, "status": "firing" | "resolved", "id": "crater/cpu/app-1/1767225600000",
 *  "cluster": "crater", "rule": "cpu", "kind": "cpu", "server": "app-1" (null for the cluster),
 *  "text": "app-1: CPU over 90% for 5 min (CPU 97.0%)", "value": 97.0 (null), "threshold": 90,
 *  "startsAt": "2026-01-01T00:00:00Z", "endsAt": null | "…", "test": false}
 * }</pre>
 * {@code slack}: {@code {"text": "…"}}, which Slack's incoming webhooks take (and Mattermost,
 * Rocket.Chat and Discord's {@code /slack} endpoint).
 */
public final class AlertBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertBodies() {
    }

    public static byte[] body(Webhook.Format format, AlertEvent e) {
        return (format == Webhook.Format.SLACK ? slack(e) : json(e)).toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode json(AlertEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", 1);
        n.put("status", e.status());
        n.put("id", e.incidentId());
        n.put("cluster", e.cluster());
        n.put("rule", e.rule());
        n.put("kind", e.kind().key());
        if (e.subject().isEmpty()) {
            n.putNull("server");
        } else {
            n.put("server", e.subject());
        }
        n.put("text", e.text());
        if (Double.isNaN(e.value())) {
            n.putNull("value");
        } else {
            n.put("value", Math.round(e.value() * 10) / 10.0);
        }
        n.put("threshold", e.threshold());
        n.put("startsAt", Instant.ofEpochMilli(e.sinceMs()).toString());
        if (e.firing()) {
            n.putNull("endsAt");
        } else {
            n.put("endsAt", Instant.ofEpochMilli(e.timeMs()).toString());
        }
        n.put("test", e.test());
        return n;
    }

    static ObjectNode slack(AlertEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("text", line(e));
        return n;
    }

    /** One line with the status first: what a desktop notification and a chat message show. */
    public static String line(AlertEvent e) {
        String mark = e.test() ? ":information_source: TEST" : e.firing() ? ":rotating_light: FIRING" : ":white_check_mark: RESOLVED";
        String took = e.firing() ? "" : " after " + dev.orrery.model.AlertRule.duration((int) Math.max(1, (e.timeMs() - e.sinceMs()) / 1000));
        return mark + " [" + e.cluster() + "] " + e.text() + took;
    }
}
