package dev.orrery.logs;

/**
 * How a source's position is stored: {@code file CURRENT|OLD} (two {@link TailPosition}s, the
 * second "-" when no renamed-away file is being read) or {@code journal CURSOR}.
 */
public final class SourcePositions {
    private SourcePositions() {
    }

    public static String file(TailPosition current, TailPosition old) {
        return "file " + current.encode() + "|" + (old == null ? "-" : old.encode());
    }

    public static String journal(String cursor) {
        return "journal " + cursor;
    }

    /** The file position stored, or FRESH. */
    public static TailPosition fileCurrent(String stored) {
        if (stored == null || !stored.startsWith("file ")) {
            return TailPosition.FRESH;
        }
        String body = stored.substring(5);
        int bar = body.indexOf('|');
        return TailPosition.decode(bar < 0 ? body : body.substring(0, bar));
    }

    /** The renamed-away file's position stored, or null. */
    public static TailPosition fileOld(String stored) {
        if (stored == null || !stored.startsWith("file ")) {
            return null;
        }
        int bar = stored.indexOf('|');
        if (bar < 0 || stored.substring(bar + 1).equals("-")) {
            return null;
        }
        TailPosition p = TailPosition.decode(stored.substring(bar + 1));
        return p.inode() > 0 ? p : null;
    }

    /** The journal cursor stored, or null. */
    public static String journalCursor(String stored) {
        return stored != null && stored.startsWith("journal ") ? stored.substring(8) : null;
    }
}
