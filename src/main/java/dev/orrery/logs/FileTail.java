package dev.orrery.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The client side of {@code orrery-tail.sh}: reads its framed output line by line, hands on each
 * whole line of each file exactly once, and keeps each file's {@link TailPosition} (and that of
 * a renamed-away file still being read) so the next run of the script resumes exactly there.
 * Not thread-safe: one reader thread feeds it.
 */
public final class FileTail {
    /** Where the lines go. */
    public interface Sink {
        /** A whole line of file {@code file} (0-based, in the order given). */
        void line(int file, String text);

        /** Something the reader should know that is not a line of the file: bytes skipped, the file is gone. */
        default void note(int file, String text) {
        }
    }

    private static final class Tracker {
        final long inode;
        /** A line start: every line before it was handed on. */
        long anchor;
        /** Whole lines after the anchor already handed on (or dropped), in this run or before. */
        int seen;
        /** Of those, how many this run has still to read again (and skip) after a resume. */
        int toSkip;
        String partial;
        boolean dropFirst;
        String head = "-";

        Tracker(long inode, long anchor, int seen) {
            this.inode = inode;
            this.anchor = anchor;
            this.seen = seen;
            this.toSkip = seen;
        }

        Tracker(TailPosition p) {
            this(p.inode(), p.offset(), p.skip());
            head = p.head();
        }

        TailPosition position() {
            return new TailPosition(inode, anchor, seen, head, "-");
        }
    }

    private final String prefix;
    private final Sink sink;
    private final Tracker[] current;
    private final Tracker[] old;
    private final String[] siblings;
    private final List<String> stray = new ArrayList<>();
    private Tracker inChunk;
    private int chunkFile;
    private long chunkFrom;
    private long chunkTo;
    private String held;
    private boolean done;
    private boolean live;

    /**
     * @param nonce the word the script's control lines carry
     * @param start each file's position to resume from ({@link TailPosition#FRESH} for new ones)
     * @param oldStart each file's renamed-away inode still being read, or null
     */
    public FileTail(String nonce, List<TailPosition> start, List<TailPosition> oldStart, Sink sink) {
        this.prefix = "\036" + nonce + " ";
        this.sink = sink;
        int n = start.size();
        current = new Tracker[n];
        old = new Tracker[n];
        siblings = new String[n];
        for (int i = 0; i < n; i++) {
            TailPosition p = start.get(i);
            siblings[i] = p.siblings();
            current[i] = p.fresh() ? null : new Tracker(p);
            TailPosition q = oldStart.get(i);
            old[i] = q == null || q.inode() <= 0 ? null : new Tracker(q);
        }
    }

    /** One line of the script's output. */
    public void accept(String line) {
        if (line.startsWith(prefix)) {
            control(line.substring(prefix.length()).split(" "));
        } else if (inChunk != null) {
            if (held != null) {
                whole(inChunk, chunkFile, held);
            }
            held = line;
        } else if (!line.isEmpty() && stray.size() < 20) {
            stray.add(line); // the shell's own complaints: kept for the error message
        }
    }

    private void control(String[] f) {
        switch (f[0]) {
            case "C" -> {
                int k = Integer.parseInt(f[1]) - 1;
                long inode = Long.parseLong(f[2]);
                chunkFile = k;
                chunkFrom = Long.parseLong(f[3]);
                chunkTo = Long.parseLong(f[4]);
                inChunk = tracker(k, inode);
                held = null;
            }
            case "E" -> {
                if (f.length > 1) {
                    // what was really sent: less than announced when the file shrank meanwhile
                    chunkTo = chunkFrom + Long.parseLong(f[1]);
                }
                if (inChunk != null) {
                    if (held == null || held.isEmpty()) {
                        // the chunk ended at a line's end: everything before chunkTo is handed on
                        inChunk.anchor = chunkTo;
                        inChunk.seen = 0;
                        inChunk.toSkip = 0;
                    } else {
                        inChunk.partial = inChunk.partial == null ? held : inChunk.partial + held;
                    }
                }
                inChunk = null;
                held = null;
            }
            case "F" -> {
                int k = Integer.parseInt(f[1]) - 1;
                long inode = Long.parseLong(f[2]);
                long offset = Long.parseLong(f[3]);
                boolean wasFresh = current[k] == null;
                if (inode < 0) {
                    current[k] = new Tracker(-1, 0, 0);
                } else {
                    current[k] = new Tracker(inode, offset, 0);
                    // started in the middle of the file: its first "line" is the end of one
                    current[k].dropFirst = wasFresh && offset > 0;
                }
            }
            case "O" -> {
                int k = Integer.parseInt(f[1]) - 1;
                long inode = Long.parseLong(f[2]);
                Tracker t = current[k] != null && current[k].inode == inode ? current[k] : new Tracker(inode, Long.parseLong(f[3]), 0);
                // the script reads it on from where it stood; so do we (the anchor and count carry over)
                old[k] = t;
                current[k] = null;
            }
            case "D" -> {
                int k = Integer.parseInt(f[1]) - 1;
                long inode = Long.parseLong(f[2]);
                if (old[k] != null && old[k].inode == inode) {
                    flushPartial(old[k], k);
                    old[k] = null;
                }
            }
            case "T" -> {
                int k = Integer.parseInt(f[1]) - 1;
                long inode = Long.parseLong(f[2]);
                if (current[k] != null) {
                    flushPartial(current[k], k);
                }
                current[k] = new Tracker(inode, 0, 0);
                // the head of what is read from 0 now, in the same line: a run stopped after T never
                // resumes at offset 0 with the head of the content before the truncation
                current[k].head = f.length > 3 ? f[3] : "-";
            }
            case "G" -> {
                int k = Integer.parseInt(f[1]) - 1;
                long inode = Long.parseLong(f[2]);
                long skipped = Long.parseLong(f[3]);
                if (current[k] != null) {
                    flushPartial(current[k], k);
                }
                String head = current[k] != null ? current[k].head : "-";
                current[k] = new Tracker(inode, Long.parseLong(f[4]), 0);
                current[k].head = head;
                current[k].dropFirst = true;
                sink.note(k, "… " + skipped + " bytes not read: too far behind");
            }
            case "S" -> siblings[Integer.parseInt(f[1]) - 1] = f[2];
            case "M" -> {
                int k = Integer.parseInt(f[1]) - 1;
                long inode = Long.parseLong(f[2]);
                if (current[k] != null && current[k].inode == inode) {
                    current[k].head = f[3];
                } else if (old[k] != null && old[k].inode == inode) {
                    old[k].head = f[3];
                }
            }
            case "X" -> done = true;
            case "L" -> live = true;
            default -> {
                // "H": the script is alive; nothing to do
            }
        }
    }

    private Tracker tracker(int k, long inode) {
        if (current[k] != null && current[k].inode == inode) {
            return current[k];
        }
        if (old[k] != null && old[k].inode == inode) {
            return old[k];
        }
        current[k] = new Tracker(inode, 0, 0);
        return current[k];
    }

    private void whole(Tracker t, int k, String line) {
        String text = t.partial == null ? line : t.partial + line;
        t.partial = null;
        if (t.toSkip > 0) {
            t.toSkip--; // handed on before the reconnect
            return;
        }
        t.seen++;
        if (t.dropFirst) {
            t.dropFirst = false;
            return;
        }
        sink.line(k, text);
    }

    private void flushPartial(Tracker t, int k) {
        if (t.partial != null) {
            String text = t.partial;
            t.partial = null;
            sink.line(k, text);
        }
    }

    /** File {@code k}'s position now: where the next run starts reading it. */
    public TailPosition position(int k) {
        Tracker t = current[k];
        return (t == null ? new TailPosition(-1, 0, 0) : t.position()).withSiblings(siblings[k]);
    }

    /** The renamed-away file of {@code k} still being read, or null. */
    public TailPosition oldPosition(int k) {
        return old[k] == null ? null : old[k].position();
    }

    public boolean done() {
        return done;
    }

    /** False while reading what was already there when this run started (a first read, or a catch-up after a reconnect). */
    public boolean live() {
        return live;
    }

    /** Output that was not the script's: what the shell said when it could not run it. */
    public List<String> stray() {
        return List.copyOf(stray);
    }
}
