package dev.orrery.ui.live;

import dev.orrery.engine.state.JobInfo;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.Tone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The status bar's words for the live state: the app servers by badge, and the job running. */
public final class LiveSummary {
    private LiveSummary() {
    }

    /** "app servers: 2 up · 1 down", or "" with none. Badges in the order first seen. */
    public static String servers(List<Look> apps) {
        if (apps.isEmpty()) {
            return "";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Look l : apps) {
            if (l != null) {
                counts.merge(l.badge().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        StringBuilder b = new StringBuilder("app servers: ");
        counts.forEach((badge, n) -> b.append(b.length() > "app servers: ".length() ? " · " : "").append(n).append(' ').append(badge));
        return b.toString();
    }

    /** The colour of that summary: its most urgent server's. */
    public static Tone tone(List<Look> apps) {
        return ToneStyle.mostUrgent(apps);
    }

    /** "Deploy sample-v3.jar to sandbox — app-2 · health gate (60%)", or "" when no job runs. */
    public static String job(JobInfo j) {
        if (j == null || !j.running()) {
            return "";
        }
        return j.title() + " — " + j.step() + String.format(Locale.ROOT, " (%.0f%%)", j.fraction() * 100);
    }
}
