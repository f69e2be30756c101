package dev.orrery.ui.job;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.JobListener;
import dev.orrery.ui.ssh.FailureText;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One running job in the window: its step, a progress bar, the streaming log and Cancel; when it
 * ends, what happened (a failure in the job's own words). Events arrive on the job's thread and
 * are queued; the FX thread drains the queue in one go per pulse, so a chatty job costs the
 * window one update per frame, not one per line. The log keeps the last {@value #MAX_LINES} lines.
 * Reused by the push, provision and deploy flows.
 */
public final class JobView extends VBox {
    public enum Outcome { RUNNING, SUCCEEDED, FAILED, CANCELLED }

    static final int MAX_LINES = 2000;

    private final Label step = new Label("Starting…");
    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final TextArea log = new TextArea();
    private final Label result = new Label();
    private final Button cancel = new Button("Cancel");
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<JobEvent> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome", Outcome.RUNNING);
    private volatile long jobId = -1;
    private Engine engine;
    private JobListener listener;
    private JobHandle<?> handle;
    private String what = "The job";
    private BiConsumer<String, Double> onProgress = (stepName, done) -> { };
    private java.util.function.Consumer<String> onStep = stepName -> { };
    private java.util.function.Consumer<JobEvent.Transferred> onTransferred = t -> { };

    public JobView(String idPrefix) {
        super(8);
        getStyleClass().add("job-view");
        setId(idPrefix + "-job");
        step.setId(idPrefix + "-step");
        step.getStyleClass().add("job-step");
        bar.setId(idPrefix + "-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        log.setId(idPrefix + "-log");
        log.setEditable(false);
        log.setWrapText(false);
        log.getStyleClass().add("job-log");
        log.setPrefRowCount(12);
        VBox.setVgrow(log, Priority.ALWAYS);
        result.setId(idPrefix + "-result");
        result.setWrapText(true);
        result.getStyleClass().add("job-result");
        result.setVisible(false);
        result.setManaged(false);
        cancel.setId(idPrefix + "-cancel");
        cancel.setOnAction(e -> cancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(step, bar, log, result, new HBox(8, spacer, cancel));
    }

    /**
     * Submits {@code job} to the engine and follows it. Call on the FX thread; {@code onDone} gets
     * the value or the error there when it ends.
     */
    public <T> JobHandle<T> run(Engine engine, Job<T> job, String what, BiConsumer<T, Throwable> onDone) {
        this.engine = engine;
        this.what = what;
        // Listen before submitting so no early event is lost; events of other jobs are dropped when drained.
        listener = event -> {
            inbox.add(event);
            if (drainPosted.compareAndSet(false, true)) {
                Platform.runLater(this::drain);
            }
        };
        engine.addListener(listener);
        JobHandle<T> h = engine.submit(job);
        handle = h;
        jobId = h.id();
        h.result().whenComplete((value, error) -> Platform.runLater(() -> {
            drain();
            onDone.accept(value, error == null ? null : dev.orrery.ui.main.Background.unwrap(error));
        }));
        return h;
    }

    /** Told the step and fraction after each batch of events (on the FX thread), e.g. to show them on a node. */
    public void setOnProgress(BiConsumer<String, Double> handler) {
        onProgress = handler;
    }

    /** Told every step name, in order, on the FX thread (e.g. "app-2 · health gate" for a deploy's rows). */
    public void setOnStep(java.util.function.Consumer<String> handler) {
        onStep = handler;
    }

    /** Told, on the FX thread, how many bytes the job sent for its release (a deploy's uploads). */
    public void setOnTransferred(java.util.function.Consumer<JobEvent.Transferred> handler) {
        onTransferred = handler;
    }

    public void cancel() {
        if (handle != null && outcome.get() == Outcome.RUNNING) {
            handle.cancel();
            cancel.setDisable(true);
            step.setText(step.getText() + " — cancelling…");
        }
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public String logText() {
        return log.getText();
    }

    private void drain() {
        drainPosted.set(false);
        StringBuilder added = new StringBuilder();
        JobEvent e;
        while ((e = inbox.poll()) != null) {
            if (e.jobId() != jobId) {
                continue;
            }
            if (e instanceof JobEvent.Step s) {
                step.setText(s.name());
                append(added, "• " + s.name());
                onStep.accept(s.name());
            } else if (e instanceof JobEvent.Fraction f) {
                bar.setProgress(f.done());
            } else if (e instanceof JobEvent.Transferred t) {
                onTransferred.accept(t);
            } else if (e instanceof JobEvent.Log l) {
                append(added, "    " + l.line());
            } else if (e instanceof JobEvent.Finished f) {
                finish(f);
            }
        }
        if (outcome.get() == Outcome.RUNNING) {
            onProgress.accept(step.getText(), bar.getProgress());
        }
        if (added.length() > 0) {
            if (lines.size() >= MAX_LINES) {
                log.setText(String.join("\n", lines) + "\n");
            } else {
                log.appendText(added.toString());
            }
            log.setScrollTop(Double.MAX_VALUE);
        }
    }

    private void append(StringBuilder added, String line) {
        lines.addLast(line);
        while (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
        added.append(line).append('\n');
    }

    private void finish(JobEvent.Finished f) {
        if (outcome.get() != Outcome.RUNNING) {
            return;
        }
        engine.removeListener(listener);
        cancel.setVisible(false);
        result.setVisible(true);
        result.setManaged(true);
        if (f.succeeded()) {
            bar.setProgress(1);
            step.setText("Done");
            result.setText(what + " finished.");
            result.getStyleClass().add("job-ok");
            outcome.set(Outcome.SUCCEEDED);
        } else if (f.cancelled()) {
            bar.setProgress(0);
            step.setText("Cancelled");
            result.setText(what + " was cancelled; what it had started was undone.");
            outcome.set(Outcome.CANCELLED);
        } else {
            bar.setProgress(0);
            FailureText text = FailureText.of(what, f.error());
            step.setText(text.heading());
            result.setText(text.detail());
            result.getStyleClass().add(text.hostKey() ? "job-warning" : "job-failed");
            outcome.set(Outcome.FAILED);
        }
    }
}
