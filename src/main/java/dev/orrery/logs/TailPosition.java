package dev.orrery.logs;

import java.util.regex.Pattern;

/**
 * Where reading one file stands, so a reconnect (or the next start of Orrery) resumes without
 * losing or repeating a line: the inode, the byte offset of a line start, how many whole lines
 * after it were already handed on (they are skipped when read again), a checksum of the file's
 * first bytes (a rotated copy that starts the same is this file's copy), and the inodes of the
 * file's rotated copies seen so far (a copy that appears later tells of a copytruncate).
 *
 * @param inode    0: never read (start near the end); -1: the file is gone, read the next one from 0
 * @param head     "CRC:BYTES" of the file's first bytes, or "-" when not known
 * @param siblings comma-separated inodes of PATH.N, PATH-DATE …; "none"; "-" when not known
 */
public record TailPosition(long inode, long offset, int skip, String head, String siblings) {
    // compiled once: a position is made for every line read (String.matches compiles per call)
    private static final Pattern HEAD = Pattern.compile("-|[0-9]+:[0-9]+");
    private static final Pattern SIBLINGS = Pattern.compile("-|none|[0-9]+(,[0-9]+)*");
    public static final TailPosition FRESH = new TailPosition(0, 0, 0, "-", "-");

    public TailPosition {
        if (head == null || !HEAD.matcher(head).matches()) {
            head = "-";
        }
        if (siblings == null || !SIBLINGS.matcher(siblings).matches()) {
            siblings = "-";
        }
    }

    public TailPosition(long inode, long offset, int skip) {
        this(inode, offset, skip, "-", "-");
    }

    public boolean fresh() {
        return inode == 0;
    }

    public TailPosition withSiblings(String s) {
        return new TailPosition(inode, offset, skip, head, s);
    }

    /** "inode offset skip head siblings", as stored. */
    public String encode() {
        return inode + " " + offset + " " + skip + " " + head + " " + siblings;
    }

    public static TailPosition decode(String s) {
        if (s == null || s.isBlank()) {
            return FRESH;
        }
        try {
            String[] f = s.strip().split(" ");
            return new TailPosition(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]),
                    f.length > 3 ? f[3] : "-", f.length > 4 ? f[4] : "-");
        } catch (RuntimeException e) {
            return FRESH;
        }
    }
}
