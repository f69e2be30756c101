package dev.orrery.adopt.conf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What changes, directive by directive, between a live balancer configuration and the one a push
 * would write. Comments, order, white space, quoting, time units and values equal to the
 * balancer's own defaults make no difference; a directive that only moved between an outer and an
 * inner block with the same value is shown as moved.
 */
public record ConfDiff(List<Change> changes, List<Change> noEffect, Set<String> newBlocks, Set<String> goneBlocks) {

    public enum Kind {
        ADDED("+"), REMOVED("-"), CHANGED("~"), MOVED(">");

        private final String mark;

        Kind(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }

    /** One difference; {@code before}/{@code after} are the directives as written (null on the side without it). */
    public record Change(Kind kind, String context, String key, String before, String after, String where) {
        /** One line: {@code ~ worker_processes 4;  →  worker_processes auto;}. */
        public String line() {
            return switch (kind) {
                case ADDED -> "+ " + after;
                case REMOVED -> "- " + before;
                case CHANGED -> "~ " + before + "  →  " + after;
                case MOVED -> "> " + after + "  (moved here from " + where + ")";
            };
        }
    }

    public ConfDiff {
        changes = List.copyOf(changes);
        noEffect = List.copyOf(noEffect);
        newBlocks = Set.copyOf(newBlocks);
        goneBlocks = Set.copyOf(goneBlocks);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Compares two flattened configurations; {@code defaults} gives the balancer's own value of a directive, or null. */
    public static ConfDiff of(List<ConfEntry> live, List<ConfEntry> next, Function<String, String> defaults) {
        Map<String, Map<String, ConfEntry>> a = index(live);
        Map<String, Map<String, ConfEntry>> b = index(next);
        Set<String> contexts = new LinkedHashSet<>(a.keySet());
        contexts.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        List<Change> none = new ArrayList<>();
        for (String ctx : contexts) {
            Map<String, ConfEntry> x = a.getOrDefault(ctx, Map.of());
            Map<String, ConfEntry> y = b.getOrDefault(ctx, Map.of());
            Set<String> keys = new LinkedHashSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (String k : keys) {
                ConfEntry before = x.get(k);
                ConfEntry after = y.get(k);
                if (before != null && after != null) {
                    if (!before.value().equals(after.value())) {
                        changes.add(new Change(Kind.CHANGED, ctx, k, before.shown(), after.shown(), before.where()));
                    }
                } else {
                    ConfEntry only = before != null ? before : after;
                    String dflt = defaults.apply(only.key());
                    Change c = before != null ? new Change(Kind.REMOVED, ctx, k, before.shown(), null, before.where())
                            : new Change(Kind.ADDED, ctx, k, null, after.shown(), null);
                    (Objects.equals(dflt, only.value()) ? none : changes).add(c);
                }
            }
        }
        Set<String> added = new LinkedHashSet<>(b.keySet());
        added.removeAll(a.keySet());
        Set<String> gone = new LinkedHashSet<>(a.keySet());
        gone.removeAll(b.keySet());
        return new ConfDiff(moves(changes), none, added, gone);
    }

    /** A removal and an addition of the same directive and value in related blocks become one move. */
    private static List<Change> moves(List<Change> in) {
        List<Change> out = new ArrayList<>(in);
        for (Change r : in) {
            if (r.kind() != Kind.REMOVED) {
                continue;
            }
            for (Change a : in) {
                if (a.kind() == Kind.ADDED && a.key().equals(r.key()) && Objects.equals(a.after(), r.before()) && related(a.context(), r.context())
                        && out.contains(a) && out.contains(r)) {
                    out.remove(r);
                    out.set(out.indexOf(a), new Change(Kind.MOVED, a.context(), a.key(), r.before(), a.after(), r.context()));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean related(String x, String y) {
        return x.startsWith(y + " › ") || y.startsWith(x + " › ") || x.equals("http") || y.equals("http");
    }

    private static Map<String, Map<String, ConfEntry>> index(List<ConfEntry> entries) {
        Map<String, Map<String, ConfEntry>> out = new LinkedHashMap<>();
        for (ConfEntry e : entries) {
            Map<String, ConfEntry> ctx = out.computeIfAbsent(e.context(), c -> new LinkedHashMap<>());
            String key = e.key();
            for (int i = 2; ctx.containsKey(key); i++) {
                key = e.key() + " #" + i; // the same directive twice: pair the n-th with the n-th
            }
            ctx.put(key, e);
        }
        return out;
    }

    /**
     * The diff as text, grouped by context; {@code note} may add a line of explanation to a
     * change (null for none). "no change" when there is none.
     */
    public String text(Function<Change, String> note) {
        if (changes.isEmpty()) {
            return "no change" + (noEffect.isEmpty() ? "" : " (" + noEffect.size() + " directive(s) differ only by being nginx's or HAProxy's default)") + "\n";
        }
        StringBuilder o = new StringBuilder();
        String ctx = null;
        String lastNote = null;
        for (Change c : changes) {
            if (!c.context().equals(ctx)) {
                ctx = c.context();
                lastNote = null;
                o.append(ctx).append(newBlocks.contains(ctx) ? "   (a new block)" : goneBlocks.contains(ctx) ? "   (the whole block goes)" : "")
                        .append('\n');
            }
            o.append("  ").append(c.line()).append('\n');
            String n = note.apply(c);
            if (n != null && !n.equals(lastNote)) {
                o.append("      ").append(n).append('\n');
            }
            lastNote = n;
        }
        o.append(summary()).append('\n');
        if (!noEffect.isEmpty()) {
            o.append("without effect (the default either way):");
            noEffect.forEach(c -> o.append(' ').append(c.kind().mark()).append(c.kind() == Kind.ADDED ? c.after() : c.before()));
            o.append('\n');
        }
        return o.toString();
    }

    public String summary() {
        long add = count(Kind.ADDED), rem = count(Kind.REMOVED), chg = count(Kind.CHANGED), mov = count(Kind.MOVED);
        return changes.size() + " change(s): " + chg + " changed, " + add + " added, " + rem + " removed" + (mov > 0 ? ", " + mov + " moved" : "");
    }

    public long count(Kind k) {
        return changes.stream().filter(c -> c.kind() == k).count();
    }
}
