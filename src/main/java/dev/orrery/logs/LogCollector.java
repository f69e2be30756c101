package dev.orrery.logs;

import dev.orrery.remote.Host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Follows every log of a cluster and merges them: one thread per server reads (see
 * {@link ServerFollow}), a bounded queue carries the lines (a reader waits when it is full, so a
 * slow consumer slows the servers' output down rather than dropping lines), and one dispatcher
 * hands them on in batches, sorted by time: to the store first (lines and read positions in one
 * transaction), then to the listeners with their row ids. Orrery's job markers join the same
 * stream ({@link #marker}).
 *
 * <pre>{@code
 * LogCollector c = new LogCollector("crater", targets, hostFor, store, io, scheduler, System::currentTimeMillis);
 * c.addListener(batch -> view.append(batch));
 * c.start();
 * }</pre>
 */
public final class LogCollector implements AutoCloseable {
    static final int QUEUE = 20_000;
    private static final int BATCH = 4_000;
    private static final long PULSE_MS = 50;
    private static final long PRUNE_EVERY_MS = 60_000;

    /** A line read (with where its source stood after it) or a marker (no key), with its hand-over number. */
    private record Item(long seq, LogLine line, String key, String position) {
    }

    private final String cluster;
    private final Map<String, List<LogTarget>> byServer = new LinkedHashMap<>();
    private final Function<String, Host> hostFor;
    private final LogStore store;
    private final ExecutorService io;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final ServerFollow.Options options;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
    private final List<Consumer<List<LogLine>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Map<String, String>>> statusListeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> status = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> followers = new ArrayList<>();
    private volatile String storeError;
    private long lastPrune;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final InTransit inTransit = new InTransit();

    /**
     * @param hostFor the host of a server, by name (the pool's connection, or this machine for the sandbox)
     * @param store   where lines are kept, or null to keep none (the command line)
     */
    public LogCollector(String cluster, List<LogTarget> targets, Function<String, Host> hostFor, LogStore store,
                        ExecutorService io, ScheduledExecutorService scheduler, LongSupplier clock) {
        this(cluster, targets, hostFor, store, io, scheduler, clock, ServerFollow.Options.live());
    }

    LogCollector(String cluster, List<LogTarget> targets, Function<String, Host> hostFor, LogStore store,
                 ExecutorService io, ScheduledExecutorService scheduler, LongSupplier clock, ServerFollow.Options options) {
        this.cluster = cluster;
        this.hostFor = hostFor;
        this.store = store;
        this.io = io;
        this.scheduler = scheduler;
        this.clock = clock;
        this.options = options;
        for (LogTarget t : targets) {
            byServer.computeIfAbsent(t.server(), s -> new ArrayList<>()).add(t);
            status.put(t.key(), "waiting");
        }
        stop.whenComplete((v, e) -> inTransit.close()); // closed: nothing more will be stored
    }

    /** For the command line: read back to {@code sinceEpochMs} (0: the last lines), follow on or stop after one read. */
    public static LogCollector once(String cluster, List<LogTarget> targets, Function<String, Host> hostFor, ExecutorService io,
                                    ScheduledExecutorService scheduler, long sinceEpochMs, boolean follow) {
        long back = sinceEpochMs > 0 ? 8L * 1024 * 1024 : TailScript.BACKFILL;
        return new LogCollector(cluster, targets, hostFor, null, io, scheduler, System::currentTimeMillis,
                new ServerFollow.Options(back, sinceEpochMs > 0 ? 100_000 : 200, sinceEpochMs, follow));
    }

    public String cluster() {
        return cluster;
    }

    /** Receives each batch of new lines (with their store ids when stored), on the dispatcher thread. */
    public void addListener(Consumer<List<LogLine>> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<List<LogLine>> l) {
        listeners.remove(l);
    }

    /** Receives each source's state ("following …", "reconnecting in 4 s: …") when it changes. */
    public void addStatusListener(Consumer<Map<String, String>> l) {
        statusListeners.add(l);
    }

    public Map<String, String> status() {
        return Map.copyOf(status);
    }

    /** The last error storing lines, or null. */
    public String storeError() {
        return storeError;
    }

    public void start() {
        io.execute(this::dispatch);
        // Apps first: one thread per server's follow; the balancer's files go in one command.
        for (Map.Entry<String, List<LogTarget>> e : byServer.entrySet()) {
            List<LogTarget> files = e.getValue().stream().filter(t -> t.unit() == null).toList();
            List<LogTarget> others = e.getValue().stream().filter(t -> t.unit() != null).toList();
            if (!files.isEmpty()) {
                launch(e.getKey(), files);
            }
            for (LogTarget t : others) {
                launch(e.getKey(), List.of(t));
            }
        }
    }

    private void launch(String server, List<LogTarget> targets) {
        Map<String, String> start = new LinkedHashMap<>();
        if (store != null) {
            try {
                start.putAll(store.positions(cluster));
            } catch (java.sql.SQLException e) {
                storeError = "cannot read where each log stopped: " + e.getMessage();
            }
        }
        ServerFollow f = new ServerFollow(server, () -> hostFor.apply(server), targets, start, options, new ServerFollow.Sink() {
            @Override
            public void line(LogLine line, String key, String position) {
                put(line, key, position);
            }

            @Override
            public void status(String key, String state) {
                if (!state.equals(status.put(key, state))) {
                    Map<String, String> now = LogCollector.this.status();
                    statusListeners.forEach(l -> l.accept(now));
                }
            }
        }, clock, scheduler);
        CompletableFuture<Void> done = new CompletableFuture<>();
        followers.add(done);
        io.execute(() -> {
            try {
                f.run(stop);
            } finally {
                done.complete(null);
            }
        });
    }

    /** Adds one of Orrery's own lines (a job marker) to the stream. */
    public void marker(LogLine line) {
        put(line, null, null);
    }

    private void put(LogLine line, String key, String position) {
        Item item = new Item(inTransit.handOver(), line, key, position);
        boolean queued = false;
        try {
            while (!(queued = queue.offer(item, 200, TimeUnit.MILLISECONDS))) {
                if (stop.isDone()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!queued) {
                settled(List.of(item)); // dropped (closed or interrupted): no flush waits for it
            }
        }
    }

    /**
     * Completes once every line handed to this collector before the call is stored and handed to
     * the listeners (or the collector is closed): a search run after it sees them all, including
     * those waiting for the next batch or for room in the queue. Never blocks the caller;
     * immediate when nothing is in transit.
     */
    public CompletableFuture<Void> flush() {
        return inTransit.flush();
    }

    private void settled(List<Item> items) {
        inTransit.settled(items.stream().map(Item::seq).toList());
    }

    /** Resolves once every follower ended (without --follow: everything was read once). */
    public CompletableFuture<Void> finished() {
        CompletableFuture<Void> all = CompletableFuture.allOf(followers.toArray(new CompletableFuture[0]));
        return all.thenCompose(v -> {
            stop.complete(null);
            return drained;
        });
    }

    private void dispatch() {
        List<Item> items = new ArrayList<>(BATCH);
        try {
            while (!(stop.isDone() && queue.isEmpty())) {
                Item first = queue.poll(PULSE_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                queue.drainTo(items, BATCH - 1);
                try {
                    deliver(items);
                } finally {
                    settled(items);
                    items.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drained.complete(null);
            queue.drainTo(items);
            settled(items); // dropped: nobody waits for a flush of a closed collector
            inTransit.close();
        }
    }

    private void deliver(List<Item> items) {
        List<LogLine> lines = new ArrayList<>(items.size());
        Map<String, String> positions = new LinkedHashMap<>();
        for (Item i : items) {
            if (i.line() != null) {
                lines.add(i.line());
            }
            if (i.key() != null && i.position() != null) {
                positions.put(i.key(), i.position());
            }
        }
        lines.sort(Comparator.comparingLong(LogLine::time));
        List<LogLine> out = lines;
        if (store != null) {
            try {
                out = store.append(cluster, lines, positions);
                storeError = null;
                pruneNowAndThen();
            } catch (java.sql.SQLException e) {
                storeError = "cannot store log lines: " + e.getMessage(); // shown, but the lines still reach the view
            }
        }
        if (!out.isEmpty()) {
            List<LogLine> batch = List.copyOf(out);
            for (Consumer<List<LogLine>> l : listeners) {
                try {
                    l.accept(batch);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(LogCollector.class).warn("log listener failed", e);
                }
            }
        }
    }

    /**
     * Applies the store's age limit and size cap once a minute, here on the dispatcher so it
     * never races this collector's own appends: without it a window left following would grow
     * the store without end.
     */
    private void pruneNowAndThen() throws java.sql.SQLException {
        long now = clock.getAsLong();
        if (now - lastPrune >= PRUNE_EVERY_MS) {
            lastPrune = now;
            store.prune(now);
        }
    }

    /** Runs when the collector is closed (the engine unhooks its job markers). */
    public void onClose(Runnable r) {
        onClose.add(r);
    }

    @Override
    public void close() {
        stop.complete(null);
        onClose.forEach(Runnable::run);
    }
}
