package dev.orrery.ui.main;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterFileException;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.RecentClusters;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The open cluster as the window sees it: the cluster, its file, whether the file holds the
 * latest change, and the last message for the status bar. Every edit is saved at once, off the
 * FX thread; a failed save keeps the edit in memory and says so. Call it from the FX thread only.
 */
public final class ClusterDocument {

    /** What the status bar says about the file; a word, never only a colour. */
    public enum SaveState {
        NONE("no cluster open"), SAVING("saving…"), SAVED("saved"), FAILED("NOT saved");

        private final String word;

        SaveState(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private final Background background;
    private final RecentClusters recentClusters;
    private final ObjectProperty<Cluster> cluster = new SimpleObjectProperty<>(this, "cluster");
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
    private final ObjectProperty<SaveState> saveState = new SimpleObjectProperty<>(this, "saveState", SaveState.NONE);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private BiConsumer<String, String> errorReporter = (title, detail) -> { };
    private long saveGeneration;

    public ClusterDocument(Background background, RecentClusters recentClusters) {
        this.background = background;
        this.recentClusters = recentClusters;
    }

    /** Where errors that need the user's attention go (the window shows a dialog). */
    public void setErrorReporter(BiConsumer<String, String> reporter) {
        this.errorReporter = reporter;
    }

    public ReadOnlyObjectProperty<Cluster> clusterProperty() {
        return cluster;
    }

    public Cluster cluster() {
        return cluster.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file;
    }

    public ReadOnlyObjectProperty<SaveState> saveStateProperty() {
        return saveState;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public void say(String text) {
        message.set(text);
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    /** Opens {@code path}; a file that cannot be read opens nothing and leaves the current cluster open. */
    public void open(Path path) {
        say("Opening " + path + " …");
        background.run(() -> ClusterStore.load(path), loaded -> {
            cluster.set(loaded);
            file.set(path);
            saveState.set(SaveState.SAVED);
            say("Opened " + path.getFileName() + ": " + loaded.servers().size() + " servers");
            remember(path);
        }, error -> {
            say("Could not open " + path.getFileName() + ": " + error.getMessage());
            errorReporter.accept("Could not open " + path.getFileName(), describeOpenError(error));
        });
    }

    /** Opens the most recently used cluster, if there is one. */
    public void openMostRecent() {
        background.run(recentClusters::list, list -> {
            recent.setAll(list);
            if (list.isEmpty()) {
                say("No cluster open. File ▸ New makes one; File ▸ Open… reads one.");
            } else {
                open(list.get(0));
            }
        }, error -> say("Could not read the recent clusters: " + error.getMessage()));
    }

    public void loadRecent() {
        background.run(recentClusters::list, recent::setAll, error -> { });
    }

    /** Makes a new empty cluster file {@code dir/name.json}; refuses to overwrite one. */
    public void createNew(String name, Path dir) {
        Cluster fresh = new Cluster(name, new AppSpec(name, 3000, Map.of(), List.of()), Balancer.defaults(), List.of());
        Path target = dir.resolve(name + ".json");
        background.inOrder(() -> {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "a cluster file with this name already exists");
            }
            ClusterStore.save(target, fresh);
            return target;
        }, created -> {
            cluster.set(fresh);
            file.set(created);
            saveState.set(SaveState.SAVED);
            say("Created " + created);
            remember(created);
        }, error -> {
            say("Could not create " + target + ": " + reason(error));
            errorReporter.accept("Could not create cluster " + name, reason(error));
        });
    }

    /**
     * A job that owns the open file (the sandbox's) has just saved {@code saved} to {@code path}:
     * show it, without writing it again. Ignored when another file is open now.
     */
    public void showSaved(Path path, Cluster saved) {
        if (path.equals(file.get())) {
            cluster.set(saved);
            saveState.set(SaveState.SAVED);
        }
    }

    /** Shows {@code next} at once and saves it; {@code what} says what changed ("Added app-4"). */
    public void apply(Cluster next, String what) {
        if (file.get() == null) {
            throw new IllegalStateException("no cluster open");
        }
        cluster.set(next);
        save(what);
    }

    /** Saves the cluster as it is in memory (File ▸ Save, and the retry after a failed save). */
    public void save(String what) {
        Cluster snapshot = cluster.get();
        Path target = file.get();
        if (snapshot == null || target == null) {
            say("No cluster open to save.");
            return;
        }
        long generation = ++saveGeneration;
        saveState.set(SaveState.SAVING);
        background.inOrder(() -> {
            ClusterStore.save(target, snapshot);
            return target;
        }, saved -> {
            if (generation == saveGeneration) {
                saveState.set(SaveState.SAVED);
                say(what + " — saved to " + saved.getFileName());
            }
        }, error -> {
            if (generation == saveGeneration) {
                saveState.set(SaveState.FAILED);
            }
            say("Could not save " + target.getFileName() + ": " + reason(error)
                    + ". Your change is kept in memory; File ▸ Save tries again.");
        });
    }

    public Background background() {
        return background;
    }

    private void remember(Path path) {
        background.inOrder(() -> recentClusters.remember(path), recent::setAll,
                error -> say("Opened, but could not update the recent list: " + reason(error)));
    }

    static String describeOpenError(Throwable error) {
        String footer = "\n\nNothing was opened and the file was not changed.";
        if (!(error instanceof ClusterFileException e)) {
            return reason(error) + footer;
        }
        boolean hasField = e.field() != null && !e.field().isEmpty();
        String where = (e.line() > 0 ? "Line " + e.line() : "") + (hasField ? (e.line() > 0 ? ", field " : "Field ") + e.field() : "");
        // The exception's message starts with "file:line: field: "; show the reason on its own.
        String prefix = e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": " + (hasField ? e.field() + ": " : "");
        String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return (where.isEmpty() ? "" : where + ":\n") + why + "\n\nFile: " + e.file() + footer;
    }

    static String reason(Throwable error) {
        String m = error.getMessage();
        return m == null || m.isBlank() ? error.getClass().getSimpleName() : m;
    }
}
