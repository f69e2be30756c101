package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.ui.edit.ClusterEdit;
import dev.orrery.ui.edit.UndoHistory;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The open cluster's undo history with what the Edit menu shows ("Deleted app-3", or null). FX thread only. */
final class DocumentHistory {
    private final UndoHistory history = new UndoHistory();
    private final StringProperty undoText = new SimpleStringProperty(this, "undoText");
    private final StringProperty redoText = new SimpleStringProperty(this, "redoText");

    ReadOnlyStringProperty undoTextProperty() {
        return undoText;
    }

    ReadOnlyStringProperty redoTextProperty() {
        return redoText;
    }

    void record(Cluster before, Cluster after, String what) {
        history.record(ClusterEdit.between(before, after, what));
        show();
    }

    Cluster undo(Cluster current) throws ClusterEdit.Conflict {
        try {
            return history.undo(current);
        } finally {
            show();
        }
    }

    Cluster redo(Cluster current) throws ClusterEdit.Conflict {
        try {
            return history.redo(current);
        } finally {
            show();
        }
    }

    void clear() {
        history.clear();
        show();
    }

    private void show() {
        undoText.set(history.nextUndo().map(ClusterEdit::what).orElse(null));
        redoText.set(history.nextRedo().map(ClusterEdit::what).orElse(null));
    }
}
