package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.store.ClusterStore;
import dev.orrery.ui.edit.ShippedFiles;
import javafx.beans.property.ObjectProperty;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How {@link ClusterDocument} writes the open cluster: to its file off the FX thread, in order,
 * the latest save deciding the state shown; a copy never to the shipped file but, after asking,
 * to one the user chooses. A failed save keeps the change in memory and says so. FX thread only.
 */
final class DocumentSaving {

    private final Background background;
    private final ObjectProperty<Cluster> cluster;
    private final ObjectProperty<Path> file;
    private final ObjectProperty<String> copyReason;
    private final ObjectProperty<ClusterDocument.SaveState> saveState;
    private final Consumer<String> say;
    private final Consumer<Path> remember;
    private final BiConsumer<String, String> errorReporter;
    private final UnaryOperator<Path> saveAsPrompt;
    private boolean askedForCopy;
    private long saveGeneration;

    /** The document's own properties, which this changes as a save goes; the last two are read when used. */
    DocumentSaving(Background background, ObjectProperty<Cluster> cluster, ObjectProperty<Path> file, ObjectProperty<String> copyReason,
                   ObjectProperty<ClusterDocument.SaveState> saveState, Consumer<String> say, Consumer<Path> remember,
                   BiConsumer<String, String> errorReporter, UnaryOperator<Path> saveAsPrompt) {
        this.background = background;
        this.cluster = cluster;
        this.file = file;
        this.copyReason = copyReason;
        this.saveState = saveState;
        this.say = say;
        this.remember = remember;
        this.errorReporter = errorReporter;
        this.saveAsPrompt = saveAsPrompt;
    }

    /** Another file is open now: its first change to a copy asks again where to save it. */
    void reset() {
        askedForCopy = false;
    }

    private boolean isCopy() {
        return copyReason.get() != null;
    }

    /**
     * A change to a copy never goes to the shipped file: the first one asks where to save it
     * (after the change is on screen); later ones wait for File ▸ Save As….
     */
    void keepCopy(String what) {
        saveState.set(ClusterDocument.SaveState.UNSAVED);
        say.accept(what + " — not saved: " + file.get().getFileName() + " is " + copyReason.get() + ". File ▸ Save As… keeps your changes.");
        if (!askedForCopy) {
            askedForCopy = true;
            javafx.application.Platform.runLater(() -> saveAs(what));
        }
    }

    void saveAs(String what) {
        if (cluster.get() == null || file.get() == null) {
            say.accept("No cluster open to save.");
            return;
        }
        Path chosen = saveAsPrompt.apply(file.get());
        if (chosen == null) {
            if (isCopy() && saveState.get() == ClusterDocument.SaveState.UNSAVED) {
                say.accept("Not saved: your changes are kept in memory only. File ▸ Save As… saves them to a file of your own.");
            }
            return;
        }
        saveTo(chosen.toAbsolutePath().normalize(), what);
    }

    private void saveTo(Path target, String what) {
        Cluster snapshot = cluster.get();
        Path was = file.get();
        long generation = ++saveGeneration;
        saveState.set(ClusterDocument.SaveState.SAVING);
        background.inOrder(() -> {
            if (ShippedFiles.copyReason(target).isPresent()) {
                throw new java.io.IOException(target.getFileName() + " is " + ShippedFiles.copyReason(target).get()
                        + "; choose a folder of your own");
            }
            ClusterStore.save(target, snapshot);
            return target;
        }, saved -> {
            if (was.equals(file.get())) {
                copyReason.set(null);
                file.set(saved);
                remember.accept(saved);
            }
            say.accept(what + " — saved as " + saved);
            if (cluster.get() != snapshot && saved.equals(file.get())) {
                save("Later changes"); // edits made while the copy was being saved
            } else if (generation == saveGeneration) {
                saveState.set(ClusterDocument.SaveState.SAVED);
            }
        }, error -> {
            if (generation == saveGeneration) {
                saveState.set(isCopy() ? ClusterDocument.SaveState.UNSAVED : ClusterDocument.SaveState.FAILED);
            }
            say.accept("Could not save as " + target + ": " + DocumentMessages.reason(error) + ". Your change is kept in memory.");
            errorReporter.accept("Could not save " + target.getFileName(), DocumentMessages.reason(error) + "\n\nYour change is kept in memory.");
        });
    }

    void save(String what) {
        Cluster snapshot = cluster.get();
        Path target = file.get();
        if (snapshot == null || target == null) {
            say.accept("No cluster open to save.");
            return;
        }
        if (isCopy()) {
            saveAs(what);
            return;
        }
        long generation = ++saveGeneration;
        saveState.set(ClusterDocument.SaveState.SAVING);
        background.inOrder(() -> {
            ClusterStore.save(target, snapshot);
            return target;
        }, saved -> {
            if (generation == saveGeneration) {
                saveState.set(ClusterDocument.SaveState.SAVED);
                say.accept(what + " — saved to " + saved.getFileName());
            }
        }, error -> {
            if (generation == saveGeneration) {
                saveState.set(ClusterDocument.SaveState.FAILED);
            }
            say.accept("Could not save " + target.getFileName() + ": " + DocumentMessages.reason(error)
                    + ". Your change is kept in memory; File ▸ Save tries again.");
        });
    }
}
