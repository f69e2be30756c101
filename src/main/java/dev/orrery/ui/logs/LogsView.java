package dev.orrery.ui.logs;

import dev.orrery.logs.LogCollector;
import dev.orrery.logs.LogFilter;
import dev.orrery.logs.LogLine;
import dev.orrery.logs.LogQueries;
import dev.orrery.logs.LogSource;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The Logs tab: one time-ordered stream of the cluster's logs with follow/pause, server and log
 * filters, regex search with the matches marked, a jump to the last deploy marker, copy and save.
 *
 * <p>Threads: the collector hands batches over on its own thread; they wait in a queue and are
 * shown once per FX pulse at most. Every store read (a filter change, a search, resuming) runs
 * on {@code background}; the FX thread only swaps the list. Memory: at most {@link #SHOWN}
 * lines are held here; older ones stay in the store on disk (its size cap is the store's) and a
 * search or filter reads them back.
 */
public final class LogsView extends BorderPane {
    /** Lines kept on the heap for display; older ones are in the store. */
    static final int SHOWN = 5_000;
    private static final String ALL_SERVERS = "All servers";

    private final Executor background;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final ListView<LogLine> list = new ListView<>(lines);
    private final ToggleButton follow = new ToggleButton("Following");
    private final ComboBox<String> server = new ComboBox<>();
    private final ComboBox<String> source = new ComboBox<>(FXCollections.observableArrayList("all logs", "app", "balancer", "deploy markers"));
    private final TextField search = new TextField();
    private final Label status = new Label("No cluster open");
    private final ConcurrentLinkedQueue<LogLine> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final Consumer<List<LogLine>> listener = batch -> {
        incoming.addAll(batch);
        if (drainQueued.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    };
    private final Consumer<java.util.Map<String, String>> statusListener = s -> Platform.runLater(() -> showStatus(s));

    private String cluster;
    private LogCollector collector;
    private LogQueries queries;
    private Pattern pattern;
    /** Bumped on every reload, so a slow read that was overtaken is dropped. */
    private long generation;
    private boolean reloading;
    private long pausedCount;
    private Consumer<List<LogLine>> onSave = l -> { };
    private Runnable onStorage = () -> { };

    public LogsView(Executor background) {
        this.background = background;
        getStyleClass().add("logs-view");
        setId("logs-view");
        follow.setId("logs-follow");
        follow.setSelected(true);
        follow.selectedProperty().addListener((o, was, now) -> {
            follow.setText(now ? "Following" : "Paused");
            if (now) {
                reload();
            }
        });
        server.setId("logs-server");
        server.getItems().add(ALL_SERVERS);
        server.getSelectionModel().select(ALL_SERVERS);
        server.valueProperty().addListener((o, was, now) -> reload());
        source.setId("logs-source");
        source.getSelectionModel().select(0);
        source.valueProperty().addListener((o, was, now) -> reload());
        search.setId("logs-search");
        search.setPromptText("Search (regex), Enter");
        search.setOnAction(e -> runSearch());
        search.textProperty().addListener((o, was, now) -> {
            if (now.isEmpty() && pattern != null) {
                runSearch();
            }
        });
        MarkerMenu markers = new MarkerMenu(background, this::storedMarkers, this::jumpToMarker, this::jumpTo);
        Button save = new Button("Save…");
        save.setId("logs-save");
        save.setOnAction(e -> onSave.accept(List.copyOf(lines)));
        Button storage = new Button("Storage…");
        storage.setId("logs-storage");
        storage.setOnAction(e -> onStorage.run());
        status.setId("logs-status");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(search, Priority.SOMETIMES);
        HBox bar = new HBox(8, follow, server, source, search, markers.node(), save, storage, gap, status);
        bar.setPadding(new Insets(6));
        bar.getStyleClass().add("logs-bar");
        list.setId("logs-list");
        list.setCellFactory(v -> new LogCell(() -> pattern));
        // One text line a row: a fixed height spares the list measuring every cell on each change
        // (at thousands of lines a second that measuring is what stalls the pulse).
        list.setFixedCellSize(18);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copySelected());
        list.setContextMenu(new ContextMenu(copy));
        list.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copySelected();
            }
        });
        setTop(bar);
        setCenter(list);
    }

    /** Shows {@code collector}'s lines for {@code clusterName} from now on, with older ones read through {@code q}. */
    public void attach(String clusterName, List<String> servers, LogCollector c, LogQueries q) {
        detach();
        this.cluster = clusterName;
        this.collector = c;
        this.queries = q;
        server.getItems().setAll(ALL_SERVERS);
        server.getItems().addAll(servers);
        server.getSelectionModel().select(ALL_SERVERS);
        c.addListener(listener);
        c.addStatusListener(statusListener);
        reload();
    }

    /** Stops showing the current collector's lines (the caller closes it). */
    public void detach() {
        if (collector != null) {
            collector.removeListener(listener);
        }
        collector = null;
        queries = null;
        cluster = null;
        generation++;
        incoming.clear();
        lines.clear();
        status.setText("No cluster open");
    }

    /** Only {@code name}'s lines (and the deploy markers), as a node's Show logs asks. */
    public void showServer(String name) {
        if (!server.getItems().contains(name)) {
            server.getItems().add(name);
        }
        server.getSelectionModel().select(name);
    }

    /** Says why nothing is followed (the store or the servers could not be reached). */
    public void failed(String message) {
        detach();
        status.setText(message);
    }

    public void setOnSave(Consumer<List<LogLine>> handler) {
        onSave = handler;
    }

    /** Storage…: how much the store keeps (the window opens {@link LogKeepDialog}). */
    public void setOnStorage(Runnable handler) {
        onStorage = handler;
    }

    LogFilter filter() {
        LogFilter f = LogFilter.ALL;
        String s = server.getValue();
        if (s != null && !s.equals(ALL_SERVERS)) {
            f = f.withServers(Set.of(s));
        }
        return switch (source.getSelectionModel().getSelectedIndex()) {
            case 1 -> f.withSources(Set.of(LogSource.APP));
            case 2 -> f.withSources(Set.of(LogSource.ACCESS, LogSource.ERROR));
            case 3 -> f.withSources(Set.of(LogSource.DEPLOY));
            default -> f;
        };
    }

    private void runSearch() {
        String text = search.getText();
        try {
            pattern = text.isEmpty() ? null : Pattern.compile(text);
            search.getStyleClass().remove("error");
        } catch (PatternSyntaxException e) {
            search.getStyleClass().add("error");
            status.setText("Not a regex: " + e.getDescription() + " at " + e.getIndex());
            return;
        }
        reload();
    }

    /** Reads the newest lines the filter and search pass from the store, in the background; new lines wait meanwhile. */
    private void reload() {
        if (queries == null) {
            return;
        }
        long gen = ++generation;
        reloading = true;
        pausedCount = 0;
        LogQueries q = queries;
        String c = cluster;
        LogFilter f = filter();
        Pattern p = pattern;
        LogCollector col = collector;
        status.setText(p == null ? "Reading…" : "Searching…");
        background.execute(() -> {
            try {
                flush(col);
                List<LogLine> read;
                String said;
                if (p == null) {
                    read = q.latest(c, f, SHOWN);
                    said = null;
                } else {
                    LogQueries.Found found = q.search(c, f, p, SHOWN);
                    read = found.lines();
                    said = read.size() + (found.more() ? "+" : "") + " matches in " + found.scanned() + " stored lines";
                }
                Platform.runLater(() -> loaded(gen, read, said));
            } catch (Exception e) {
                Platform.runLater(() -> {
                    if (gen == generation) {
                        reloading = false;
                        status.setText("Cannot read the stored lines: " + e.getMessage());
                    }
                });
            }
        });
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

    private void loaded(long gen, List<LogLine> read, String said) {
        if (gen != generation) {
            return;
        }
        reloading = false;
        lines.setAll(read);
        long newest = read.stream().mapToLong(LogLine::id).max().orElse(0);
        // lines that came while reading: only those the read could not have seen
        List<LogLine> later = new ArrayList<>();
        for (LogLine l; (l = incoming.poll()) != null; ) {
            if (l.id() == 0 || l.id() > newest) {
                later.add(l);
            }
        }
        append(later);
        if (said != null) {
            status.setText(said);
        }
        scrollToEnd();
    }

    /** On the FX thread, once per pulse at most: the lines that came since. */
    private void drain() {
        drainQueued.set(false);
        if (reloading || collector == null) {
            return; // loaded() takes them
        }
        List<LogLine> batch = new ArrayList<>();
        for (LogLine l; (l = incoming.poll()) != null; ) {
            batch.add(l);
        }
        if (!follow.isSelected()) {
            pausedCount += batch.size();
            status.setText("Paused · " + pausedCount + " new lines (kept on disk)");
            return;
        }
        if (append(batch)) {
            scrollToEnd();
        }
    }

    /** Adds the lines the filter and search pass, keeping at most {@link #SHOWN}; true when any was added. */
    private boolean append(List<LogLine> batch) {
        LogFilter f = filter();
        Pattern p = pattern;
        List<LogLine> shown = batch.stream().filter(f::accepts).filter(l -> p == null || p.matcher(l.text()).find()).toList();
        if (shown.isEmpty()) {
            return false;
        }
        if (lines.size() + shown.size() > SHOWN) {
            // one change for the list, not an add and then a remove
            List<LogLine> kept = new ArrayList<>(SHOWN);
            int drop = lines.size() + shown.size() - SHOWN;
            if (drop < lines.size()) {
                kept.addAll(lines.subList(drop, lines.size()));
                kept.addAll(shown);
            } else {
                kept.addAll(shown.subList(shown.size() - SHOWN, shown.size()));
            }
            lines.setAll(kept);
        } else {
            lines.addAll(shown);
        }
        return true;
    }

    private void scrollToEnd() {
        if (follow.isSelected() && !lines.isEmpty()) {
            list.scrollTo(lines.size() - 1);
        }
    }

    private void jumpToMarker() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).marker()) {
                follow.setSelected(false);
                select(i);
                return;
            }
        }
        status.setText("No deploy marker among the shown lines");
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
        follow.setSelected(false);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).id() == marker.id()) {
                select(i);
                return;
            }
        }
        if (queries == null) {
            return;
        }
        if (pattern != null) {
            pattern = null; // first, so clearing the field starts no search
            search.setText("");
        }
        long gen = ++generation;
        reloading = true;
        LogQueries q = queries;
        String c = cluster;
        LogFilter f = filter();
        status.setText("Reading around " + marker.text() + "…");
        background.execute(() -> {
            try {
                List<LogLine> read = q.around(c, f, marker.time(), SHOWN / 2, SHOWN / 2);
                Platform.runLater(() -> {
                    if (gen != generation) {
                        return;
                    }
                    reloading = false;
                    lines.setAll(read);
                    select(indexOf(read, marker));
                    status.setText("At " + MarkerMenu.label(marker) + " · paused (Following shows the newest again)");
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    if (gen == generation) {
                        reloading = false;
                        status.setText("Cannot read the stored lines: " + e.getMessage());
                    }
                });
            }
        });
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

    private void select(int i) {
        if (i < 0 || i >= lines.size()) {
            return;
        }
        list.getSelectionModel().clearAndSelect(i);
        list.scrollTo(Math.max(0, i - 3));
    }

    private void copySelected() {
        String text = list.getSelectionModel().getSelectedItems().stream().map(LogCell::plain).collect(Collectors.joining("\n"));
        if (!text.isEmpty()) {
            ClipboardContent c = new ClipboardContent();
            c.putString(text + "\n");
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    private void showStatus(java.util.Map<String, String> s) {
        if (collector == null || reloading || !follow.isSelected() || pattern != null) {
            return;
        }
        long following = s.values().stream().filter(v -> v.startsWith("following")).count();
        List<String> trouble = s.entrySet().stream().filter(e -> !e.getValue().startsWith("following") && !e.getValue().equals("waiting"))
                .map(e -> e.getKey() + ": " + e.getValue().lines().findFirst().orElse("")).sorted().toList();
        status.setText(following + " of " + s.size() + " logs followed" + (trouble.isEmpty() ? "" : " · " + String.join(" · ", trouble)));
    }

    ListView<LogLine> list() {
        return list;
    }
}
