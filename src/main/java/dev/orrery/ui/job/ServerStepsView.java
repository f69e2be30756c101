package dev.orrery.ui.job;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.ColumnConstraints;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row per server with its current step and a progress bar, for jobs that walk servers one at
 * a time (deploy, rollback). It reads the job's step names of the form {@code "app-2 · health gate"};
 * a server's bar is how far its step is along {@code stepLabels}. The rows are in the job's order.
 * Ids: {@code <prefix>-row-<server>-step} and {@code -bar}.
 */
public final class ServerStepsView extends GridPane {
    public static final String SEPARATOR = " · ";

    private final String prefix;
    private final List<String> stepLabels;
    private final Map<String, Label> steps = new HashMap<>();
    private final Map<String, ProgressBar> bars = new HashMap<>();

    public ServerStepsView(String prefix, List<String> servers, List<String> stepLabels) {
        this.prefix = prefix;
        this.stepLabels = List.copyOf(stepLabels);
        setHgap(10);
        setVgap(4);
        getStyleClass().add("server-steps");
        ColumnConstraints name = new ColumnConstraints();
        ColumnConstraints step = new ColumnConstraints(180);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(name, step, bar);
        int row = 0;
        for (String s : servers) {
            Label n = new Label((row + 1) + ". " + s);
            Label st = new Label("waiting");
            st.setId(prefix + "-row-" + s + "-step");
            ProgressBar b = new ProgressBar(0);
            b.setId(prefix + "-row-" + s + "-bar");
            b.setMaxWidth(Double.MAX_VALUE);
            GridPane.setFillWidth(b, true);
            setAlignment(Pos.CENTER_LEFT);
            addRow(row++, n, st, b);
            steps.put(s, st);
            bars.put(s, b);
        }
    }

    /** Applies one step name from the job; names without a known server are ignored. */
    public void onStep(String stepName) {
        int at = stepName.indexOf(SEPARATOR);
        if (at < 0) {
            return;
        }
        String server = stepName.substring(0, at);
        String label = stepName.substring(at + SEPARATOR.length());
        Label st = steps.get(server);
        if (st == null) {
            return;
        }
        st.setText(label);
        int i = stepLabels.indexOf(label);
        if (i >= 0) {
            bars.get(server).setProgress(stepLabels.size() == 1 ? 1 : (double) i / (stepLabels.size() - 1));
        }
    }

    public String stepOf(String server) {
        Label l = steps.get(server);
        return l == null ? null : l.getText();
    }

    public double progressOf(String server) {
        ProgressBar b = bars.get(server);
        return b == null ? -1 : b.getProgress();
    }

    String prefix() {
        return prefix;
    }
}
