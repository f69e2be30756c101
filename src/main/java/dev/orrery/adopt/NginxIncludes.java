package dev.orrery.adopt;

import dev.orrery.adopt.conf.Directive;
import dev.orrery.model.KeptDirective.Context;

import java.util.List;

/**
 * Judges a list of nginx directives one by one, looking through {@code include}s. An include is
 * judged by its content; when all of it is kept in this context (and none of it is the app's
 * upstream or servers) the include line itself is kept instead (the file stays on the balancer),
 * otherwise its content is reported directive by directive and the include line is replaced.
 */
final class NginxIncludes {

    /** Judges one directive (never an include) into a log. */
    @FunctionalInterface
    interface Handler {
        void handle(Directive d, ImportLog log);
    }

    private final NginxAppBlocks app;

    NginxIncludes(NginxAppBlocks app) {
        this.app = app;
    }

    void each(List<Directive> directives, Context context, ImportLog target, Handler handler) {
        for (Directive d : directives) {
            if (!(d.name().equals("include") && d.isBlock())) {
                handler.handle(d, target);
                continue;
            }
            ImportLog sub = new ImportLog();
            each(d.block(), context, sub, handler);
            boolean allKept = sub.items.stream().allMatch(i -> i.outcome() == ImportItem.Outcome.KEPT)
                    && sub.kept.stream().allMatch(k -> k.context() == context);
            if (allKept && !app.anyIn(d)) {
                target.keep(d, context, d.block().isEmpty() ? "it matches no file now" : "it brings in " + d.block().size() + " directive(s)");
            } else {
                target.items.addAll(sub.items);
                target.kept.addAll(sub.kept);
                target.replaced(d, "its content was read directive by directive (listed with their own files)");
            }
            sub.notes.forEach(target::note);
        }
    }
}
