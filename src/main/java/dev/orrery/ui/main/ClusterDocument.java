package dev.orrery.ui.main;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.RecentClusters;
import dev.orrery.ui.edit.ClusterEdit;
import dev.orrery.ui.edit.ShippedFiles;
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
import java.util.function.UnaryOperator;

/**
 * The open cluster as the window sees it: the cluster, its file, whether the file holds the
 * latest change, and the last message for the status bar. Every edit is saved at once, off the
 * FX thread; a failed save keeps the edit in memory and says so. Opening never writes. A file
 * shipped with Orrery (an example) or one we may not write opens as a <em>copy</em>: its first
 * change asks where to save it (Save As) and the file itself is never written. The user's own
 * edits ({@link #edit}) can be undone and redone; changes a job records ({@link #apply}) cannot.
 * Call it from the FX thread only.
 */
public final class ClusterDocument {

    /** What the status bar says about the file; a word, never only a colour. */
    public enum SaveState {
        NONE("no cluster open"), SAVING("saving…"), SAVED("saved"), FAILED("NOT saved"),
        /** A copy of a shipped or read-only file, unchanged: nothing to save yet. */
        COPY("copy"),
        /** A copy with changes that have nowhere to go yet (Save As was cancelled). */
        UNSAVED("NOT saved");

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
    private final ObjectProperty<String> copyReason = new SimpleObjectProperty<>(this, "copyReason");
    private final DocumentHistory history = new DocumentHistory();
    private BiConsumer<String, String> errorReporter = (title, detail) -> { };
    private UnaryOperator<Path> saveAsPrompt = current -> null;
    private final DocumentSaving saving;

    public ClusterDocument(Background background, RecentClusters recentClusters) {
        this.background = background;
        this.recentClusters = recentClusters;
        this.saving = new DocumentSaving(background, cluster, file, copyReason, saveState, this::say, this::remember,
                (title, detail) -> errorReporter.accept(title, detail), current -> saveAsPrompt.apply(current));
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

    /**
     * Where Save As asks for a file: given the current file, the chosen one, or null when the
     * user cancelled. The window shows a file chooser; tests answer directly.
     */
    public void setSaveAsPrompt(UnaryOperator<Path> prompt) {
        this.saveAsPrompt = prompt;
    }

    /** Why the open cluster is a copy ("an example shipped with Orrery"), or null when it is the file itself. */
    public ReadOnlyObjectProperty<String> copyReasonProperty() {
        return copyReason;
    }

    public boolean isCopy() {
        return copyReason.get() != null;
    }

    /** "Delete app-3" while there is something to undo, else null (the Edit menu's label). */
    public ReadOnlyStringProperty undoTextProperty() {
        return history.undoTextProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return history.redoTextProperty();
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
        // Reading only: nothing here writes to the file, whatever it holds.
        background.run(() -> new Opened(ClusterStore.load(path), ShippedFiles.copyReason(path).orElse(null)), opened -> {
            Cluster loaded = opened.cluster();
            history.clear();
            saving.reset();
            copyReason.set(opened.copyReason());
            cluster.set(loaded);
            file.set(path);
            saveState.set(opened.copyReason() == null ? SaveState.SAVED : SaveState.COPY);
            say("Opened " + path.getFileName() + ": " + loaded.servers().size() + " servers"
                    + (opened.copyReason() == null ? "" : " — " + opened.copyReason() + ", opened as a copy: your first change asks where to save it"));
            remember(path);
        }, error -> {
            say("Could not open " + path.getFileName() + ": " + error.getMessage());
            errorReporter.accept("Could not open " + path.getFileName(), DocumentMessages.describeOpenError(error));
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
            history.clear();
            saving.reset();
            copyReason.set(null);
            cluster.set(fresh);
            file.set(created);
            saveState.set(SaveState.SAVED);
            say("Created " + created);
            remember(created);
        }, error -> {
            say("Could not create " + target + ": " + DocumentMessages.reason(error));
            errorReporter.accept("Could not create cluster " + name, DocumentMessages.reason(error));
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

    /**
     * The user changed the cluster (added, edited, deleted, drained a server): shows {@code next}
     * at once, saves it, and remembers it for Undo. {@code what} says what changed ("Added app-4").
     */
    public void edit(Cluster next, String what) {
        requireOpen();
        history.record(cluster.get(), next, what);
        commit(next, what);
    }

    /** A job recorded a change (a provisioned droplet, a release): shown and saved, but not undoable. */
    public void apply(Cluster next, String what) {
        requireOpen();
        commit(next, what);
    }

    /** Edit ▸ Undo: takes back the last edit on the cluster as it is now, or says why it cannot. */
    public void undo() {
        step(true);
    }

    /** Edit ▸ Redo: makes the last undone edit again. */
    public void redo() {
        step(false);
    }

    private void step(boolean back) {
        if (cluster.get() == null) {
            return;
        }
        String what = back ? history.undoTextProperty().get() : history.redoTextProperty().get();
        try {
            Cluster next = back ? history.undo(cluster.get()) : history.redo(cluster.get());
            commit(next, (back ? "Undid: " : "Redid: ") + what);
        } catch (ClusterEdit.Conflict e) {
            say(e.getMessage());
        }
    }

    private void commit(Cluster next, String what) {
        cluster.set(next);
        if (isCopy()) {
            saving.keepCopy(what);
        } else {
            saving.save(what);
        }
    }

    /** File ▸ Save As…: asks for a file, writes the cluster there and goes on with that file. */
    public void saveAs() {
        saving.saveAs("Saved");
    }

    /** Saves the cluster as it is in memory (File ▸ Save, and the retry after a failed save); a copy asks where. */
    public void save(String what) {
        saving.save(what);
    }

    private void requireOpen() {
        if (file.get() == null) {
            throw new IllegalStateException("no cluster open");
        }
    }

    private record Opened(Cluster cluster, String copyReason) {
    }

    public Background background() {
        return background;
    }

    private void remember(Path path) {
        background.inOrder(() -> recentClusters.remember(path), recent::setAll,
                error -> say("Opened, but could not update the recent list: " + DocumentMessages.reason(error)));
    }
}
