package dev.orrery.ui.logs;

import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogFilter;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogQueries;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The Logs tab: one time-ordered stream of the cluster's logs with follow/pause
 * ({@link FollowControl}), server and log filters ({@link LogFilterBar}), regex search with the
 * matches marked ({@link LogSearchField}), a jump to a deploy marker ({@link MarkerMenu}), copy
 * and save ({@link LogActions}).
 *
 * <p>Threads: the collector hands batches over on its own thread; they wait in a queue and are
 * shown at most once per {@link PacedLines#EVERY}. Every store read (a filter change, a search, resuming) runs
 * in the background ({@link StoreReads}); the FX thread only swaps the list. Memory: at most
 * {@link #SHOWN} lines are held here ({@link ShownLines}); older ones stay in the store on disk
 * (its size cap is the store's) and a search or filter reads them back.
 */
public final class LogsView extends BorderPane {
    /** Lines kept on the heap for display; older ones are in the store. */
    static final int SHOWN = ShownLines.MAX;

    private final Label status = new Label("No cluster open");
    private final FollowControl follow = new FollowControl(this::reload);
    private final LogFilterBar filters = new LogFilterBar(this::reload);
    private final LogSearchField search = new LogSearchField(this::reload, status::setText);
    private final ShownLines shown = new ShownLines(search::pattern);
    private final LogActions actions = new LogActions(shown.list());
    private final StoreReads reads;
    private final LiveSearch live;
    private final PacedLines incoming = new PacedLines(this::drain);
    private final Consumer<Map<String, String>> statusListener = s -> Platform.runLater(() -> showStatus(s));

    private String cluster;
    private LogCollector collector;
    private LogQueries queries;

    public LogsView(Executor background) {
        this.reads = new StoreReads(background);
        this.live = new LiveSearch(background, Platform::runLater);
        getStyleClass().add("logs-view");
        setId("logs-view");
        MarkerMenu markers = new MarkerMenu(background, this::storedMarkers, this::jumpToMarker, this::jumpTo);
        status.setId("logs-status");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(search.node(), Priority.SOMETIMES);
        HBox bar = new HBox(8, follow.node(), filters.serverChoice(), filters.sourceChoice(), search.node(), markers.node(),
                actions.saveButton(), actions.storageButton(), gap, status);
        bar.setPadding(new Insets(6));
        bar.getStyleClass().add("logs-bar");
        setTop(bar);
        setCenter(shown.list());
    }

    /** Shows {@code collector}'s lines for {@code clusterName} from now on, with older ones read through {@code q}. */
    public void attach(String clusterName, List<String> servers, LogCollector c, LogQueries q) {
        detach();
        this.cluster = clusterName;
        this.collector = c;
        this.queries = q;
        filters.setServers(servers);
        c.addListener(incoming.add);
        c.addStatusListener(statusListener);
        reload();
    }

    /** Stops showing the current collector's lines (the caller closes it). */
    public void detach() {
        if (collector != null) {
            collector.removeListener(incoming.add);
        }
        collector = null;
        queries = null;
        cluster = null;
        reads.drop();
        live.stop();
        incoming.clear();
        shown.clear();
        status.setText("No cluster open");
    }

    /** Only {@code name}'s lines (and the deploy markers), as a node's Show logs asks. */
    public void showServer(String name) {
        filters.showServer(name);
    }

    /** Says why nothing is followed (the store or the servers could not be reached). */
    public void failed(String message) {
        detach();
        status.setText(message);
    }

    public void setOnSave(Consumer<List<LogLine>> handler) {
        actions.setOnSave(handler);
    }

    /** Storage…: how much the store keeps (the window opens {@link LogKeepDialog}). */
    public void setOnStorage(Runnable handler) {
        actions.setOnStorage(handler);
    }

    LogFilter filter() {
        return filters.filter();
    }

    /** Reads the newest lines the filter and search pass from the store, in the background; new lines wait meanwhile. */
    private void reload() {
        if (queries == null) {
            return;
        }
        follow.caughtUp();
        LogQueries q = queries;
        String c = cluster;
        LogFilter f = filter();
        Pattern p = search.pattern();
        LogCollector col = collector;
        status.setText(p == null ? "Reading…" : "Searching…");
        live.restart(p, this::matched);
        reads.run(cancel -> {
            flush(col);
            if (p == null) {
                return new Read(q.latest(c, f, SHOWN), null);
            }
            LogQueries.Found found = q.search(c, f, p, SHOWN, cancel);
            return new Read(found.lines(), found.lines().size() + (found.more() ? "+" : "") + " matches in " + found.scanned() + " stored lines");
        }, this::loaded, this::cannotRead);
    }

    /** What a read found, and what to say about it (null: nothing). */
    private record Read(List<LogLine> lines, String said) {
    }

    /**
     * Stores the lines the collector has but has not stored yet, so a read right after they came
     * finds them. Bounded: a collector that cannot store (a full disk) does not hold the read up.
     */
    private static void flush(LogCollector col) throws InterruptedException {
        if (col == null) {
            return;
        }
        try {
            col.flush().get(FLUSH_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // read what is stored; the rest arrives through the listener
        }
    }

    private static final int FLUSH_WAIT_SECONDS = 5;

    private void loaded(Read read) {
        shown.setAll(read.lines());
        long newest = read.lines().stream().mapToLong(LogLine::id).max().orElse(0);
        // lines that came while reading: only those the read could not have seen
        append(incoming.poll().stream().filter(l -> l.id() == 0 || l.id() > newest).toList());
        if (read.said() != null) {
            status.setText(read.said());
        }
        scrollToEnd();
    }

    private void cannotRead(Exception e) {
        status.setText("Cannot read the stored lines: " + e.getMessage());
    }

    /** On the FX thread: the lines that came since. */
    private void drain() {
        if (reads.reading() || collector == null) {
            return; // loaded() takes them
        }
        List<LogLine> batch = incoming.poll();
        if (!follow.following()) {
            status.setText(follow.missed(batch.size()));
            return;
        }
        if (append(batch)) {
            scrollToEnd();
        }
    }

    /**
     * Adds the lines the filter passes; true when any was added. With a search they go to
     * {@link LiveSearch} first (off the FX thread) and come back through {@link #matched}.
     */
    private boolean append(List<LogLine> batch) {
        LogFilter f = filter();
        List<LogLine> passed = batch.stream().filter(f::accepts).toList();
        if (search.pattern() != null) {
            live.submit(passed);
            return false;
        }
        return shown.add(passed);
    }

    /** New lines that match the search shown: added while following (paused, the list stays still; they are in the store). */
    private void matched(List<LogLine> lines) {
        if (follow.following() && !reads.reading() && shown.add(lines)) {
            scrollToEnd();
        }
    }

    private void scrollToEnd() {
        if (follow.following()) {
            shown.scrollToEnd();
        }
    }

    private void jumpToMarker() {
        int i = shown.lastMarker();
        if (i < 0) {
            status.setText("No deploy marker among the shown lines");
            return;
        }
        follow.pause();
        shown.select(i);
    }

    /** The cluster's stored markers, oldest first (on the background thread; none without a cluster). */
    private List<LogLine> storedMarkers() throws Exception {
        LogQueries q = queries;
        String c = cluster;
        return q == null ? List.of() : q.markers(c, LogFilter.ALL, MarkerMenu.LISTED);
    }

    /**
     * Shows {@code marker} selected, following paused: at once when it is among the shown lines,
     * otherwise with the lines around it read from the store (without a search: a marker matches
     * none). When the log filter hides markers, the first line from its moment on is selected.
     */
    void jumpTo(LogLine marker) {
        follow.pause();
        int at = shown.indexOf(marker.id());
        if (at >= 0) {
            shown.select(at);
            return;
        }
        if (queries == null) {
            return;
        }
        search.clearQuietly();
        live.stop();
        LogQueries q = queries;
        String c = cluster;
        LogFilter f = filter();
        status.setText("Reading around " + marker.text() + "…");
        reads.run(cancel -> q.around(c, f, marker.time(), SHOWN / 2, SHOWN / 2), read -> {
            shown.setAll(read);
            shown.select(indexOf(read, marker));
            status.setText("At " + MarkerMenu.label(marker) + " · paused (Following shows the newest again)");
        }, this::cannotRead);
    }

    /** The marker's place among {@code read}, or (hidden by the filter) the first line from its moment on. */
    private static int indexOf(List<LogLine> read, LogLine marker) {
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).id() == marker.id()) {
                return i;
            }
        }
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).time() >= marker.time()) {
                return i;
            }
        }
        return read.size() - 1;
    }

    private void showStatus(Map<String, String> s) {
        if (collector == null || reads.reading() || !follow.following() || search.pattern() != null) {
            return;
        }
        long following = s.values().stream().filter(v -> v.startsWith("following")).count();
        List<String> trouble = s.entrySet().stream().filter(e -> !e.getValue().startsWith("following") && !e.getValue().equals("waiting"))
                .map(e -> e.getKey() + ": " + e.getValue().lines().findFirst().orElse("")).sorted().toList();
        status.setText(following + " of " + s.size() + " logs followed" + (trouble.isEmpty() ? "" : " · " + String.join(" · ", trouble)));
    }

    ListView<LogLine> list() {
        return shown.list();
    }
}
