package dev.orrery.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DDP-like WebSocket clients through the balancer, as Meteor's browsers hold them: each connects,
 * gets the server's hello ("hello SERVER VERSION"), answers its pings, and when the connection
 * closes or fails reconnects after a short backoff (100 ms, doubling to 1.6 s while connecting
 * fails). Bounded: {@code clients} clients, at most {@code maxReconnects} reconnects each, and
 * everything stops at {@link #close()}.
 *
 * <p>Records per client the servers it landed on (in order), its reconnects, and the time from
 * each disconnect to the next hello; per server the times reconnected clients arrived, from which
 * {@link #peakReconnectRate} is the most arrivals within any one second. Built on Java's
 * {@code java.net.http.WebSocket}. Each client connects to one of {@code targets} (round robin), so
 * a test can give client groups different source /24s ({@code TestHosts#clientSubnets}).
 */
public final class WsLoadClient implements AutoCloseable {
    private static final long BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 1600;

    private final HttpClient http;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<Client> clients = new ArrayList<>();
    private final int maxReconnects;
    private volatile boolean running = true;
    /** Per server, nanoTime of each reconnected client's hello. */
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

    public WsLoadClient(List<String> targets, int port, int clients, int maxReconnects) {
        this.maxReconnects = maxReconnects;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < clients; i++) {
            String target = targets.get(i % targets.size());
            this.clients.add(new Client(i, target, URI.create("ws://" + target + ":" + port + "/websocket")));
        }
    }

    /** Connects every client (without waiting); see {@link #allConnected()}. */
    public WsLoadClient start() {
        clients.forEach(Client::connect);
        return this;
    }

    public boolean allConnected() {
        return clients.stream().allMatch(c -> c.open && c.server != null);
    }

    /** Every client is connected and none is between a disconnect and its next hello. */
    public boolean settled() {
        return allConnected();
    }

    public List<Client> clients() {
        return Collections.unmodifiableList(clients);
    }

    /** The most reconnected clients any one server got within one second, and which server. */
    public Map.Entry<String, Integer> peakReconnectRate() {
        String where = "-";
        int best = 0;
        for (var e : arrivals.entrySet()) {
            List<Long> t = new ArrayList<>(e.getValue());
            Collections.sort(t);
            int lo = 0;
            for (int hi = 0; hi < t.size(); hi++) {
                while (t.get(hi) - t.get(lo) >= 1_000_000_000L) {
                    lo++;
                }
                if (hi - lo + 1 > best) {
                    best = hi - lo + 1;
                    where = e.getKey();
                }
            }
        }
        return Map.entry(where, best);
    }

    /** Every disconnect → reconnected time, in ms, sorted. */
    public List<Double> gapsMs() {
        List<Double> all = new ArrayList<>();
        clients.forEach(c -> c.gapsNs.forEach(g -> all.add(g / 1e6)));
        Collections.sort(all);
        return all;
    }

    public static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** "reconnects per client mean M max X; reconnect p50 A ms p99 B ms; peak S/s on SERVER". */
    public String summary() {
        int total = clients.stream().mapToInt(c -> c.reconnects.get()).sum();
        int max = clients.stream().mapToInt(c -> c.reconnects.get()).max().orElse(0);
        List<Double> gaps = gapsMs();
        var peak = peakReconnectRate();
        return String.format(Locale.ROOT, "%d clients: reconnects per client mean %.2f max %d; time to reconnect p50 %.0f ms p99 %.0f ms (%d); "
                        + "peak reconnect rate %d/s (%s); failed connects %d", clients.size(), total / (double) clients.size(), max,
                percentile(gaps, 50), percentile(gaps, 99), gaps.size(), peak.getValue(), peak.getKey(),
                clients.stream().mapToInt(c -> c.failedConnects.get()).sum());
    }

    /** How many clients were moved how many times: {reconnects → clients}. */
    public Map<Integer, Integer> reconnectHistogram() {
        Map<Integer, Integer> h = new TreeMap<>();
        clients.forEach(c -> h.merge(c.reconnects.get(), 1, Integer::sum));
        return h;
    }

    @Override
    public void close() {
        running = false;
        for (Client c : clients) {
            WebSocket ws = c.ws;
            if (ws != null) {
                ws.abort();
            }
        }
        timer.shutdownNow();
    }

    /** One client. */
    public final class Client implements WebSocket.Listener {
        final int index;
        public final String target;
        final URI uri;
        volatile WebSocket ws;
        volatile boolean open;
        volatile String server;
        /** The servers its hellos came from, in order. */
        public final List<String> landed = new CopyOnWriteArrayList<>();
        public final AtomicInteger reconnects = new AtomicInteger();
        public final AtomicInteger pings = new AtomicInteger();
        public final AtomicInteger failedConnects = new AtomicInteger();
        final List<Long> gapsNs = new CopyOnWriteArrayList<>();
        private volatile long disconnectedAt = -1;
        private final StringBuilder text = new StringBuilder();
        private long backoff = BACKOFF_MS;

        Client(int index, String target, URI uri) {
            this.index = index;
            this.target = target;
            this.uri = uri;
        }

        void connect() {
            if (!running) {
                return;
            }
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, this).whenComplete((w, e) -> {
                if (e != null) {
                    failedConnects.incrementAndGet();
                    retry();
                }
            });
        }

        private void retry() {
            if (!running || reconnects.get() >= maxReconnects) {
                return;
            }
            long wait = backoff;
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            try {
                timer.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // closed meanwhile
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            open = true;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String m = text.toString();
                text.setLength(0);
                if (m.startsWith("hello ")) {
                    hello(m.split(" ")[1]);
                } else if (m.contains("\"ping\"")) {
                    pings.incrementAndGet();
                    webSocket.sendText("{\"msg\":\"pong\"}", true);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void hello(String from) {
            long now = System.nanoTime();
            backoff = BACKOFF_MS;
            if (disconnectedAt >= 0) {
                reconnects.incrementAndGet();
                gapsNs.add(now - disconnectedAt);
                arrivals.computeIfAbsent(from, k -> new CopyOnWriteArrayList<>()).add(now);
                disconnectedAt = -1;
            }
            landed.add(from);
            server = from;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost();
        }

        private synchronized void lost() {
            if (!open) {
                return;
            }
            open = false;
            server = null;
            if (disconnectedAt < 0) {
                disconnectedAt = System.nanoTime();
            }
            retry();
        }

        /** The servers it was on, e.g. "app-1 → app-2 → app-1". */
        public String path() {
            return String.join(" → ", landed);
        }
    }
}
