package dev.orrery.adopt;

import java.time.Instant;
import java.util.List;

/** What {@code orrery drift} found: the items, and notes on what could not be checked (and why). */
public record DriftReport(List<DriftItem> items, List<String> notes, Instant checkedAt) {

    public DriftReport {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }

    public boolean clean() {
        return items.isEmpty();
    }

    public String text() {
        StringBuilder o = new StringBuilder();
        if (items.isEmpty()) {
            o.append("no drift: the live cluster is as its file says\n");
        }
        for (DriftItem i : items) {
            o.append("[").append(i.kind().label()).append("] ").append(i.subject()).append(": ").append(i.finding()).append('\n');
            o.append("    → ").append(i.action()).append('\n');
        }
        for (String n : notes) {
            o.append("note: ").append(n).append('\n');
        }
        return o.toString();
    }
}
