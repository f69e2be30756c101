package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.model.KeptDirective;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an import collects as it goes: one item per thing found, the kept directives, notes. */
final class ImportLog {
    final List<ImportItem> items = new ArrayList<>();
    final Set<KeptDirective> kept = new LinkedHashSet<>();
    final List<String> notes = new ArrayList<>();

    void mapped(Directive d, String detail) {
        items.add(ImportItem.mapped(d.where(), d.summary(), detail));
    }

    /** Orrery writes its own value; when the live one is exactly Orrery's, it is reported as the same instead. */
    void replaced(Directive d, String detail) {
        if (NginxDirectives.ORRERY_WRITES.contains(d.head())) {
            items.add(ImportItem.mapped(d.where(), d.summary(), "Orrery writes the same"));
        } else {
            items.add(ImportItem.replaced(d.where(), d.summary(), detail));
        }
    }

    void refused(Directive d, String detail) {
        items.add(ImportItem.refused(d.where(), d.summary(), detail));
    }

    /** Keeps the directive's exact text for {@code context}, written back on every push. */
    void keep(Directive d, KeptDirective.Context context) {
        keep(d, context, null);
    }

    void keep(Directive d, KeptDirective.Context context, String why) {
        kept.add(new KeptDirective(context, d.original().strip()));
        items.add(ImportItem.kept(d.where(), d.summary(), "in " + context.word() + (why != null ? " (" + why + ")" : "")));
    }

    void note(String text) {
        notes.add(text);
    }

    List<KeptDirective> keptList() {
        return List.copyOf(kept);
    }
}
