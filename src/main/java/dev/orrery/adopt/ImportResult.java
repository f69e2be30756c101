package dev.orrery.adopt;

import dev.orrery.model.Cluster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A cluster read from somewhere else and the account of everything found: what went into the
 * model, what is kept as is, what Orrery replaces and what it refused, each with why.
 * {@code notes} are findings that are not about one item (node missing, VPCs that differ …).
 */
public record ImportResult(Cluster cluster, List<ImportItem> items, List<String> notes) {

    public ImportResult {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }

    public List<ImportItem> items(ImportItem.Outcome outcome) {
        return items.stream().filter(i -> i.outcome() == outcome).toList();
    }

    /** How many items of each outcome, in the enum's order. */
    public Map<ImportItem.Outcome, Long> counts() {
        return items.stream().collect(Collectors.groupingBy(ImportItem::outcome, TreeMap::new, Collectors.counting()));
    }

    /** The report as text, one item a line, grouped by outcome (what the command line prints). */
    public String text() {
        StringBuilder o = new StringBuilder();
        for (ImportItem.Outcome outcome : ImportItem.Outcome.values()) {
            List<ImportItem> group = items(outcome);
            if (group.isEmpty()) {
                continue;
            }
            o.append(outcome.word().toUpperCase(java.util.Locale.ROOT)).append(" (").append(group.size()).append(")\n");
            for (ImportItem i : group) {
                o.append("  ").append(i.what());
                if (i.detail() != null && !i.detail().isBlank()) {
                    o.append("  →  ").append(i.detail());
                }
                if (i.where() != null && !i.where().isBlank()) {
                    o.append("   [").append(i.where()).append(']');
                }
                o.append('\n');
            }
        }
        for (String n : notes) {
            o.append("NOTE ").append(n).append('\n');
        }
        return o.toString();
    }
}
