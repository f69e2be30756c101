package dev.orrery.ui.adopt;

import dev.orrery.adopt.DriftReport;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.model.Cluster;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The cluster's drift, as a badge in the status bar: not checked yet, none, or how many findings.
 * A click opens the list ({@link DriftDialog}), where a check runs as an engine job. A check
 * connects to every server, so it runs when asked, never behind the user's back; opening another
 * cluster forgets the last result.
 */
public final class DriftBadge extends Button {
    private final ObjectProperty<DriftReport> report = new SimpleObjectProperty<>();
    private final ObservableValue<Cluster> cluster;
    private final Function<Cluster, Job<DriftReport>> job;
    private final Engine engine;
    private final Supplier<Window> owner;
    private boolean checking;

    public DriftBadge(Engine engine, ObservableValue<Cluster> cluster, ObservableValue<Path> file,
                      Function<Cluster, Job<DriftReport>> job, Supplier<Window> owner) {
        this.engine = engine;
        this.cluster = cluster;
        this.job = job;
        this.owner = owner;
        setId("drift-badge");
        getStyleClass().add("drift-badge");
        setFocusTraversable(false);
        file.addListener((o, was, now) -> report.set(null));
        report.addListener((o, was, now) -> show());
        cluster.addListener((o, was, now) -> setDisable(now == null));
        setDisable(cluster.getValue() == null);
        setOnAction(e -> DriftDialog.show(owner.get(), this));
        show();
    }

    public ReadOnlyObjectProperty<DriftReport> reportProperty() {
        return report;
    }

    /** Runs a check now (from the list's button); the badge says "checking" meanwhile. */
    public void check(Runnable whenDone) {
        Cluster c = cluster.getValue();
        if (c == null || checking) {
            return;
        }
        checking = true;
        show();
        JobRunner.run(engine, job.apply(c), r -> {
            checking = false;
            report.set(r);
            whenDone.run();
        }, e -> {
            checking = false;
            show();
            setText("Drift: check failed");
            whenDone.run();
            DriftDialog.failed(owner.get(), e);
        });
    }

    public boolean checking() {
        return checking;
    }

    private void show() {
        getStyleClass().removeAll("tone-ok", "tone-warn", "tone-muted");
        DriftReport r = report.get();
        if (checking) {
            setText("Drift: checking…");
            getStyleClass().add("tone-muted");
        } else if (r == null) {
            setText("Drift: not checked");
            getStyleClass().add("tone-muted");
        } else if (r.clean()) {
            setText("Drift: none");
            getStyleClass().add("tone-ok");
        } else {
            setText("Drift: " + r.items().size());
            getStyleClass().add("tone-warn");
        }
    }
}
