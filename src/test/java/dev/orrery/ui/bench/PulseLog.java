package dev.orrery.ui.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaFX's own pulse logger, read in-process. With {@code javafx.pulseLogger=true} and
 * {@code javafx.pulseLogger.threshold=0} JavaFX ({@code com.sun.javafx.logging.PrintLogger})
 * prints every pulse to {@code System.err} once its frame is rendered:
 * <pre>
 * PULSE: 445 [136ms:290ms]                       interval since the last pulse : pulse start → frame rendered
 * T15 (0 +34ms): Layout Pass                     FX thread phases: CSS, layout, bounds,
 * T15 (35 +145ms): Waiting for previous rendering   the wait for the renderer, copy to the render graph
 * T15 (180 +0ms): Copy state to render graph
 * T13 (243 +47ms): Painting                      the renderer (QuantumRenderer) thread
 * </pre>
 * and a pulse that draws nothing says "Required No Rendering"; one under the threshold is
 * printed as {@code [n interval:0ms]} only. {@link #install} must run before the toolkit
 * starts; it passes every other line on to the real {@code System.err}.
 */
final class PulseLog {
    /** One pulse: its FX-thread time (start to the end of its last phase there), the wait for the renderer in it, its painting, and whether it drew. */
    record Pulse(long fxMs, long waitMs, long paintMs, boolean rendered, double dirtyPx) {
    }

    private static final Pattern HEAD = Pattern.compile("PULSE: (\\d+) \\[(\\d+)ms:(\\d+)ms\\]( Required No Rendering)?");
    private static final Pattern PHASE = Pattern.compile("T(\\d+) \\((-?\\d+) \\+(\\d+)ms\\): (.+)");
    private static final Pattern DIRTY = Pattern.compile("Dirty Region \\d+: .*\\(w:([0-9.]+), h:([0-9.]+)\\)");
    private static final Pattern QUICK = Pattern.compile("\\[(\\d+) (\\d+)ms:(\\d+)ms\\]");

    private static volatile List<Pulse> recording;
    // the block being read (the render thread prints it; one block at a time)
    private static boolean inBlock;
    private static boolean rendered;
    private static long fxEnd;
    private static long wait;
    private static long paint;
    private static double dirty;
    private static final List<String[]> phases = new ArrayList<>();

    private PulseLog() {
    }

    static void install() {
        System.setProperty("javafx.pulseLogger", "true");
        System.setProperty("javafx.pulseLogger.threshold", "0");
        PrintStream real = System.err;
        System.setErr(new PrintStream(new LineSplitter(real), true, StandardCharsets.UTF_8));
    }

    /** Starts collecting pulses afresh. */
    static void start() {
        recording = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    /** The pulses since {@link #start}. */
    static List<Pulse> stop() {
        List<Pulse> r = recording;
        recording = null;
        synchronized (r) {
            return List.copyOf(r);
        }
    }

    private static synchronized void line(String s) {
        Matcher q = QUICK.matcher(s);
        boolean quick = false;
        while (q.find()) { // a pulse under the threshold: nothing drawn, no time spent
            quick = true;
            finish();
            add(new Pulse(0, 0, 0, false, 0));
        }
        if (quick) {
            return;
        }
        Matcher h = HEAD.matcher(s);
        if (h.find()) {
            finish();
            inBlock = true;
            rendered = h.group(4) == null;
            return;
        }
        Matcher d = DIRTY.matcher(s);
        if (inBlock && d.find()) {
            dirty += Double.parseDouble(d.group(1)) * Double.parseDouble(d.group(2));
            return;
        }
        Matcher p = PHASE.matcher(s);
        if (inBlock && p.matches()) {
            phases.add(new String[] {p.group(1), p.group(2), p.group(3), p.group(4)});
            return;
        }
        if (inBlock && s.isBlank() && !phases.isEmpty()) {
            finish();
        }
    }

    /** Adds the block read so far: the FX thread is the one that ran the CSS pass, its time ends with its last phase. */
    private static void finish() {
        if (!inBlock) {
            return;
        }
        String fx = phases.stream().filter(a -> a[3].equals("CSS Pass")).map(a -> a[0]).findFirst().orElse(null);
        fxEnd = 0;
        wait = 0;
        paint = 0;
        for (String[] a : phases) {
            long start = Long.parseLong(a[1]);
            long dur = Long.parseLong(a[2]);
            if (a[0].equals(fx)) {
                fxEnd = Math.max(fxEnd, start + dur);
                if (a[3].equals("Waiting for previous rendering")) {
                    wait += dur;
                }
            } else if (a[3].equals("Painting") || a[3].equals("Presenting")) {
                paint += dur;
            }
        }
        add(new Pulse(fxEnd, wait, paint, rendered, dirty));
        dirty = 0;
        phases.clear();
        inBlock = false;
    }

    private static void add(Pulse p) {
        List<Pulse> r = recording;
        if (r != null) {
            r.add(p);
        }
    }

    /**
     * Cuts what is printed into lines and hands them to a reader thread: the renderer thread that
     * prints a pulse's block only copies bytes, so the measuring does not slow what it measures.
     */
    private static final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();

        LineSplitter(PrintStream real) {
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        String s = lines.take();
                        if (s.contains("PULSE") || s.startsWith("[") || s.startsWith("T") || s.isBlank() || s.startsWith("Counters:") || s.startsWith("\t")) {
                            line(s);
                        } else {
                            real.println(s);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pulse-log-reader");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(buf.toString(StandardCharsets.UTF_8));
                buf.reset();
            } else {
                buf.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int from = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    buf.write(b, from, i - from);
                    lines.add(buf.toString(StandardCharsets.UTF_8));
                    buf.reset();
                    from = i + 1;
                }
            }
            buf.write(b, from, off + len - from);
        }
    }
}
