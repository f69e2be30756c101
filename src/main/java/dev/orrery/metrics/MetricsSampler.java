package dev.orrery.metrics;

import dev.orrery.health.ProbeClock;
import dev.orrery.remote.Conversation;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.RemoteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Samples every server of a cluster every {@code intervalMs} with its {@link SampleCommand} over
 * the server's pooled connection. Where the host can ({@link dev.orrery.remote.Host#canConverse()}:
 * SSH and this machine) the command runs as a loop kept open on one channel
 * ({@link SampleCommand#looped}), and a sample is one line sent and the sample read back; the loop
 * is started again on the next tick when its channel dies. Other hosts get one exec per sample.
 *
 * <p>Threads, as in the health monitor: ticks run on the clock's scheduler and only hand the
 * sample to the io executor; at most one sample per server is in flight (a tick that finds one
 * running is skipped and counted, never queued up); servers are spread over the interval so a
 * hundred of them do not all run at once. Listeners get each {@link Sample} on the io thread
 * that read it and must only enqueue.
 *
 * <pre>{@code
 * MetricsSampler s = new MetricsSampler(new ExecutorProbeClock(engine.scheduler()), lanes, 10_000);
 * s.addListener(sample -> writer.submit(store.sample(cluster, sample)));
 * s.setTargets(targets);
 * s.start();
 * }</pre>
 */
public final class MetricsSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsSampler.class);

    /** How one server's sampling goes: its last sample, or why there is none. */
    public record Status(String server, Sample.Source source, long lastSampleMs, String error, long samples, long skipped) {
        public boolean failing() {
            return error != null;
        }
    }

    private final ProbeClock clock;
    private final Executor io;
    private final long intervalMs;
    private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Slot> slots = Map.of();
    private boolean started;

    public MetricsSampler(ProbeClock clock, Executor io, long intervalMs) {
        if (intervalMs < 100) {
            throw new IllegalArgumentException("the sample interval must be at least 100 ms");
        }
        this.clock = clock;
        this.io = io;
        this.intervalMs = intervalMs;
    }

    /** How long a sample may take before its channel is given up (a hung df, a half-dead connection). */
    long answerTimeoutMs() {
        return Math.max(3 * intervalMs, 30_000);
    }

    public long intervalMs() {
        return intervalMs;
    }

    public void addListener(Consumer<Sample> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<Sample> l) {
        listeners.remove(l);
    }

    /** The servers to sample; ones that stay keep their last reading (their rates go on). */
    public synchronized void setTargets(List<SampleTarget> targets) {
        Map<String, Slot> old = slots;
        Map<String, Slot> next = new LinkedHashMap<>();
        for (SampleTarget t : targets) {
            Slot s = old.get(t.server());
            if (s == null || !same(s.target, t)) {
                s = new Slot(t);
            }
            next.put(t.server(), s);
        }
        for (Slot s : old.values()) {
            if (next.get(s.target.server()) != s) {
                s.stop();
            }
        }
        slots = next;
        if (started) {
            for (Slot s : next.values()) {
                if (old.get(s.target.server()) != s) {
                    s.begin(Math.floorMod(s.target.server().hashCode(), intervalMs));
                }
            }
        }
    }

    /** The same server read the same way (a sandbox host is a new object each time, with the same name). */
    private static boolean same(SampleTarget a, SampleTarget b) {
        return a.server().equals(b.server()) && a.host().name().equals(b.host().name())
                && a.command().equals(b.command()) && a.source() == b.source();
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        List<Slot> all = new ArrayList<>(slots.values());
        for (int i = 0; i < all.size(); i++) {
            all.get(i).begin((long) i * intervalMs / all.size());
        }
    }

    public synchronized void stop() {
        started = false;
        slots.values().forEach(Slot::stop);
    }

    @Override
    public void close() {
        stop();
    }

    public List<Status> status() {
        List<Status> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            out.add(s.status());
        }
        return out;
    }

    /**
     * Reads every server twice, {@code gapMs} apart, and completes with one sample each (rates
     * need two readings): for the command line's {@code --now}. Servers that fail are left out
     * (see {@link #status()}). Independent of {@link #start()}.
     */
    public CompletableFuture<List<Sample>> sampleOnce(long gapMs) {
        List<Slot> all = new ArrayList<>(slots.values());
        List<CompletableFuture<Sample>> each = new ArrayList<>();
        for (Slot s : all) {
            CompletableFuture<Sample> f = new CompletableFuture<>();
            io.execute(() -> {
                s.read();
                clock.schedule(() -> io.execute(() -> f.complete(s.read())), gapMs);
            });
            each.add(f);
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList());
    }

    private void emit(Sample s) {
        for (Consumer<Sample> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("sample listener failed on {}", s.server(), e);
            }
        }
    }

    /** One server: its schedule, in-flight flag and last reading. */
    private final class Slot {
        final SampleTarget target;
        final AtomicBoolean inFlight = new AtomicBoolean();
        final Object talk = new Object();
        Conversation conversation;
        long requests;
        ProbeClock.Scheduled handle;
        int generation;
        long due;
        boolean stopped;
        Reading last;
        long lastOk;
        String error;
        long samples;
        long skipped;

        Slot(SampleTarget target) {
            this.target = target;
        }

        synchronized void begin(long delayMs) {
            stopped = false;
            int gen = ++generation;
            due = clock.nowMillis() + delayMs;
            handle = clock.schedule(() -> tick(gen), delayMs);
        }

        synchronized void stop() {
            stopped = true;
            generation++;
            if (handle != null) {
                handle.cancel();
            }
            Conversation c = conversation;
            conversation = null;
            if (c != null) {
                try {
                    io.execute(c::close); // closing waits for the server's answer: not on the caller's thread
                } catch (RuntimeException shutDown) {
                    c.close();
                }
            }
        }

        /** On the scheduler: books the next tick, hands the read to io. Never blocks. */
        void tick(int gen) {
            long now = clock.nowMillis();
            synchronized (this) {
                if (gen != generation || stopped) {
                    return;
                }
                due += intervalMs;
                if (due <= now) {
                    due = now + intervalMs; // fell behind: skip, don't burst
                }
                handle = clock.schedule(() -> tick(gen), due - now);
            }
            if (inFlight.compareAndSet(false, true)) {
                try {
                    io.execute(() -> {
                        try {
                            Sample s = read();
                            if (s != null) {
                                emit(s);
                            }
                        } finally {
                            inFlight.set(false);
                        }
                    });
                } catch (RuntimeException shutDown) {
                    inFlight.set(false);
                }
            } else {
                synchronized (this) {
                    skipped++;
                }
            }
        }

        /** On io: one command, one reading, a sample against the previous reading. */
        Sample read() {
            List<String> lines = new ArrayList<>(256);
            try {
                ExecResult r = target.host().canConverse() ? ask(lines) : target.host().exec(target.command(), lines::add);
                Reading now = ProcParser.parse(lines);
                long at = clock.nowMillis();
                synchronized (this) {
                    Sample s = Sample.of(target.server(), at, target.source(), last, now);
                    last = now;
                    lastOk = at;
                    error = r.ok() || !lines.isEmpty() ? null : "exit " + r.exitCode();
                    samples++;
                    return s;
                }
            } catch (RemoteException e) {
                fail(e.getMessage());
            } catch (RuntimeException e) { // output that is not /proc: not Linux, or a shell that prints banners
                fail(e.getMessage() != null ? e.getMessage() : e.toString());
            }
            return null;
        }

        /**
         * One sample from the server's sampling loop, started on first use and again whenever
         * its channel was found closed (the server's sshd restarted, the connection dropped):
         * a channel that died between samples costs no sample, only one that dies during one.
         */
        private ExecResult ask(List<String> lines) throws RemoteException {
            synchronized (talk) { // sampleOnce may read beside the schedule: one request at a time on the channel
                Conversation c;
                synchronized (this) {
                    c = conversation;
                }
                if (c == null || !c.isOpen()) {
                    if (c != null) {
                        c.close();
                    }
                    c = target.host().converse(SampleCommand.looped(target.command()));
                    synchronized (this) {
                        if (stopped) { // stopped while the channel opened: do not leave it behind
                            c.close();
                            throw new RemoteException(target.host().name(), "sampling stopped", null);
                        }
                        conversation = c;
                    }
                }
                String request = Long.toString(++requests);
                try {
                    c.ask(request, SampleCommand.endLine(request), lines::add, answerTimeoutMs());
                } catch (RemoteException e) {
                    synchronized (this) {
                        if (conversation == c) {
                            conversation = null;
                        }
                    }
                    throw e;
                }
                return new ExecResult(0, List.of());
            }
        }

        private synchronized void fail(String why) {
            if (!java.util.Objects.equals(why, error)) {
                LOG.info("metrics of {}: {}", target.server(), why);
            }
            error = why;
        }

        synchronized Status status() {
            return new Status(target.server(), target.source(), lastOk, error, samples, skipped);
        }
    }
}
