package dev.orrery.ui.edit;

import dev.orrery.model.Cluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The user's edits of one open cluster, for Edit ▸ Undo and Redo. A new edit clears what could
 * be redone; at most {@link #LIMIT} edits are kept. An edit that cannot be taken back (the
 * cluster moved on, see {@link ClusterEdit.Conflict}) stays where it is. No JavaFX.
 */
public final class UndoHistory {
    public static final int LIMIT = 200;

    private final Deque<ClusterEdit> undo = new ArrayDeque<>();
    private final Deque<ClusterEdit> redo = new ArrayDeque<>();

    /** Remembers an edit the user just made (nothing when it changed nothing). */
    public void record(ClusterEdit edit) {
        if (edit.isEmpty()) {
            return;
        }
        undo.push(edit);
        while (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
    }

    public Optional<ClusterEdit> nextUndo() {
        return Optional.ofNullable(undo.peek());
    }

    public Optional<ClusterEdit> nextRedo() {
        return Optional.ofNullable(redo.peek());
    }

    /** The cluster with the last edit taken back; the edit moves to the redo side. */
    public Cluster undo(Cluster current) throws ClusterEdit.Conflict {
        ClusterEdit e = undo.peek();
        if (e == null) {
            throw new ClusterEdit.Conflict("Nothing to undo.");
        }
        Cluster back = e.undo(current);
        redo.push(undo.pop());
        return back;
    }

    /** The cluster with the last undone edit made again; the edit moves back to the undo side. */
    public Cluster redo(Cluster current) throws ClusterEdit.Conflict {
        ClusterEdit e = redo.peek();
        if (e == null) {
            throw new ClusterEdit.Conflict("Nothing to redo.");
        }
        Cluster again = e.redo(current);
        undo.push(redo.pop());
        return again;
    }

    /** Another cluster (or the file changed under us): nothing of the old history applies. */
    public void clear() {
        undo.clear();
        redo.clear();
    }
}
