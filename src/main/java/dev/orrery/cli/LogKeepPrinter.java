package dev.orrery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.logs.ByteSize;
import dev.orrery.logs.LogKeep;
import dev.orrery.logs.LogStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code orrery logs --keep-size SIZE --keep-days DAYS} and {@code --kept}: sets and shows how
 * much of the followed logs the store keeps (the window's Logs ▸ Storage… sets the same). New
 * limits are applied at once; a window that follows meanwhile applies them again within a minute.
 * {@code --json}: {@code {"capBytes","keepDays","heldBytes","lines","dropped","file"}}.
 */
final class LogKeepPrinter {
    private LogKeepPrinter() {
    }

    /** Sets what is given (null: unchanged), drops what the new limits leave out, and says what is kept. */
    static int run(CliContext ctx, Long capBytes, Integer keepDays, boolean json) throws Exception {
        LogStore store = ctx.orrery().logStore();
        LogKeep keep = store.keep();
        int dropped = 0;
        boolean changing = capBytes != null || keepDays != null;
        if (changing) {
            keep = new LogKeep(capBytes != null ? capBytes : keep.capBytes(), keepDays != null ? keepDays : keep.keepDays());
            store.setKeep(keep);
            dropped = store.prune(System.currentTimeMillis());
        }
        long[] held = store.size();
        Path file = store.db().file();
        PrintStream out = ctx.out();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("capBytes", keep.capBytes());
            o.put("keepDays", keep.keepDays());
            o.put("heldBytes", held[0]);
            o.put("lines", held[1]);
            o.put("dropped", dropped);
            o.put("file", file.toString());
            out.println(o.toPrettyString());
            return 0;
        }
        out.println("The log store keeps followed lines " + keep + (changing ? " (set now)" : "") + ".");
        out.println(String.format(Locale.ROOT, "It holds %s in %,d lines%s; file: %s", ByteSize.format(held[0]), held[1],
                changing ? String.format(Locale.ROOT, " after dropping %,d beyond the limits", dropped) : "", file));
        return 0;
    }
}
