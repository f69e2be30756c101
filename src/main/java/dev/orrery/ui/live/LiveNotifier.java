package dev.orrery.ui.live;

import dev.orrery.engine.state.LiveEvent;
import dev.orrery.engine.state.Tone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notifications from the live state's {@link LiveEvent.Alarm}s and nothing else: an outage nobody
 * planned begins or ends. A planned stop (a deploy's restart, a drain, the sandbox's stop) raises
 * no alarm, so it never shows here; a crash during a deploy does. Outages that overlap are one
 * card ("3 servers are down: app-1, app-2, app-4"), updated as servers fall and come back.
 */
public final class LiveNotifier implements LiveFxModel.Listener {
    static final String DOWN = "down";
    static final String BACK = "back";

    private final NoticeArea area;
    private final Map<String, String> down = new LinkedHashMap<>();
    private final Map<String, String> back = new LinkedHashMap<>();

    public LiveNotifier(NoticeArea area) {
        this.area = area;
        area.setOnDismissed(key -> {
            if (DOWN.equals(key)) {
                down.clear();
            } else if (BACK.equals(key)) {
                back.clear();
            }
        });
    }

    @Override
    public void alarms(List<LiveEvent.Alarm> alarms) {
        boolean downChanged = false;
        boolean backChanged = false;
        for (LiveEvent.Alarm a : alarms) {
            if (a.raised()) {
                down.put(a.server(), a.text());
                back.remove(a.server());
                downChanged = true;
            } else {
                if (down.remove(a.server()) != null) {
                    downChanged = true;
                }
                back.put(a.server(), a.text());
                backChanged = true;
            }
        }
        if (downChanged) {
            if (down.isEmpty()) {
                area.dismiss(DOWN);
            } else {
                String title = down.size() == 1 ? down.keySet().iterator().next() + " is down" : down.size() + " servers are down";
                area.show(DOWN, title, down.size() == 1 ? why(title, down.values().iterator().next()) : names(down), Tone.BAD);
            }
        }
        if (backChanged && !back.isEmpty()) {
            area.show(BACK, back.size() == 1 ? back.keySet().iterator().next() + " is back" : back.size() + " servers are back",
                    back.size() == 1 ? back.values().iterator().next() : names(back), Tone.GOOD);
        }
    }

    /** Another cluster: its outages are not this one's news. */
    @Override
    public void reset(LiveFxModel model) {
        down.clear();
        back.clear();
        area.dismiss(DOWN);
        area.dismiss(BACK);
    }

    /** The alarm's text without the title it starts with ("app-2 is down: refused" → "refused"). */
    private static String why(String title, String text) {
        return text.startsWith(title + ": ") ? capitalized(text.substring(title.length() + 2)) : text;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String names(Map<String, String> m) {
        List<String> names = new ArrayList<>(m.keySet());
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more";
    }
}
