package dev.orrery.ui.live;

import dev.orrery.deploy.RolloutStep;
import dev.orrery.engine.state.JobInfo;
import dev.orrery.engine.state.JobKind;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerActivity;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.Tone;
import dev.orrery.model.Role;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A rollout you can watch, whoever started it (Cluster ▸ Deploy…, the sandbox's "Deploy next
 * version", its start and stop): the job and its bar, then a row per app server with the release
 * it runs and its step now, all read from the live state. When the job ends it says the result
 * (every server on vN, or where it stopped and why) and hands it to {@code onFinished} for the
 * notification and status bar. Hidden until such a job starts; × hides it once done.
 */
public final class DeployPanel extends VBox implements LiveFxModel.Listener {
    private static final List<JobKind> WATCHED = List.of(JobKind.DEPLOY, JobKind.ROLLBACK, JobKind.START, JobKind.STOP);
    private static final List<String> STEPS = Arrays.stream(RolloutStep.values()).map(RolloutStep::label).toList();

    private final Label title = new Label();
    private final Label step = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label result = new Label();
    private final GridPane rows = new GridPane();
    private final Map<String, Row> byServer = new LinkedHashMap<>();
    private BiConsumer<JobInfo, String> onFinished = (j, text) -> { };
    private final javafx.animation.PauseTransition hideLater = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(20));
    private LiveFxModel model;
    private JobInfo job;
    private boolean announced;
    private String lastServer;
    private String lastStep;

    public DeployPanel() {
        super(6);
        setId("deploy-panel");
        getStyleClass().add("deploy-panel");
        title.setId("deploy-panel-title");
        title.getStyleClass().add("deploy-panel-title");
        step.setId("deploy-panel-step");
        step.getStyleClass().add("panel-hint");
        bar.setId("deploy-panel-bar");
        bar.setPrefWidth(220);
        result.setId("deploy-panel-result");
        result.setWrapText(true);
        result.getStyleClass().add("deploy-panel-result");
        Button close = new Button("×");
        close.setId("deploy-panel-close");
        close.getStyleClass().add("notice-close");
        close.setOnAction(e -> setShown(false));
        close.disableProperty().bind(result.visibleProperty().not());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(10, title, bar, step, spacer, close);
        head.setAlignment(Pos.CENTER_LEFT);
        rows.setHgap(12);
        rows.setVgap(3);
        rows.getStyleClass().add("server-steps");
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        rows.getColumnConstraints().setAll(new ColumnConstraints(), new ColumnConstraints(), new ColumnConstraints(210), grow);
        getChildren().addAll(head, rows, result);
        showResult(null, null);
        setShown(false);
    }

    /** Told the finished job and the sentence that says how it ended. */
    public void setOnFinished(BiConsumer<JobInfo, String> handler) {
        onFinished = handler;
    }

    public void bind(LiveFxModel m) {
        model = m;
        m.addListener(this);
    }

    public JobInfo shownJob() {
        return job;
    }

    public String stepOf(String server) {
        Row r = byServer.get(server);
        return r == null ? null : r.step.getText();
    }

    public String resultText() {
        return result.isVisible() ? result.getText() : null;
    }

    @Override
    public void reset(LiveFxModel m) {
        job = null;
        byServer.clear();
        rows.getChildren().clear();
        setShown(false);
        JobInfo running = m.job();
        if (running != null && running.running()) {
            job(running);
        }
    }

    @Override
    public void job(JobInfo j) {
        if (!WATCHED.contains(j.kind())) {
            return;
        }
        if (job == null || job.id() != j.id()) {
            if (!j.running()) {
                return; // a job that ended before this panel saw it start
            }
            begin(j);
        }
        job = j;
        title.setText(j.title());
        step.setText(j.running() ? j.step() : "");
        bar.setProgress(j.running() ? j.fraction() : j.outcome().equals("succeeded") ? 1 : bar.getProgress());
        if (!j.running()) {
            byServer.forEach((name, row) -> row.finish(j));
        }
    }

    @Override
    public void server(ServerLive s, Look was, Look look) {
        Row r = byServer.get(s.name());
        if (r == null || job == null) {
            return;
        }
        if (!job.running()) {
            r.release(s); // the rows tell how the job left each server; what happens after is the nodes' to say
            return;
        }
        ServerActivity a = s.activity();
        if (a != null && a.jobId() == job.id()) {
            r.step(a.step());
            if (!a.step().startsWith("back to")) {
                lastServer = s.name();
                lastStep = a.step();
            }
        } else if (r.active) {
            r.done();
        }
        r.release(s);
        r.look(look);
    }

    @Override
    public void batchDone(LiveFxModel m) {
        if (job == null || job.running()) {
            return;
        }
        String text = JobSummary.text(job, apps(), lastServer, lastStep);
        showResult(text, job.outcome().equals("succeeded") ? Tone.GOOD : job.outcome().equals("cancelled") ? Tone.WARNING : Tone.BAD);
        if (!announced) {
            announced = true;
            onFinished.accept(job, text);
            if (job.outcome().equals("succeeded")) {
                // A success says its piece and goes; a failure stays until closed.
                JobInfo done = job;
                hideLater.setOnFinished(e -> {
                    if (job == done) {
                        setShown(false);
                    }
                });
                hideLater.playFromStart();
            }
        }
    }

    private void begin(JobInfo j) {
        hideLater.stop();
        announced = false;
        lastServer = null;
        lastStep = null;
        byServer.clear();
        rows.getChildren().clear();
        showResult(null, null);
        int i = 0;
        for (ServerLive s : apps()) {
            Row r = new Row(s.name());
            rows.addRow(i++, r.name, r.release, r.step, r.bar);
            byServer.put(s.name(), r);
            r.release(s);
            ServerActivity a = s.activity();
            if (a != null && a.jobId() == j.id()) {
                r.step(a.step());
            }
        }
        setShown(true);
    }

    private List<ServerLive> apps() {
        return model == null ? List.of() : model.servers().stream().filter(s -> s.role() == Role.APP).toList();
    }

    private void showResult(String text, Tone tone) {
        result.setText(text == null ? "" : text);
        result.setVisible(text != null);
        result.setManaged(text != null);
        ToneStyle.apply(result, tone);
    }

    private void setShown(boolean shown) {
        setVisible(shown);
        setManaged(shown);
    }

    /** One server's row: name, release, step, bar. */
    private static final class Row {
        final Label name = new Label();
        final Label release = new Label();
        final Label step = new Label("waiting");
        final ProgressBar bar = new ProgressBar(0);
        boolean active;

        Row(String server) {
            name.setText(server);
            name.getStyleClass().add("deploy-row-name");
            release.setId("deploy-panel-" + server + "-release");
            release.getStyleClass().add("node-release");
            step.setId("deploy-panel-" + server + "-step");
            bar.setId("deploy-panel-" + server + "-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setPrefHeight(10);
        }

        void step(String s) {
            active = true;
            step.setText(s);
            int i = STEPS.indexOf(s);
            bar.setProgress(i >= 0 ? (double) i / (STEPS.size() - 1) : ProgressBar.INDETERMINATE_PROGRESS);
        }

        void done() {
            active = false;
            step.setText(RolloutStep.DONE.label());
            bar.setProgress(1);
        }

        void finish(JobInfo j) {
            if (active) {
                active = false;
                step.setText(j.outcome().equals("succeeded") ? RolloutStep.DONE.label() : "stopped here");
                bar.setProgress(j.outcome().equals("succeeded") ? 1 : bar.getProgress() < 0 ? 0 : bar.getProgress());
            } else if (bar.getProgress() < 0) {
                bar.setProgress(0);
            }
        }

        void release(ServerLive s) {
            release.setText(s.releaseLabel() == null ? "—" : s.releaseLabel());
            release.setTooltip(new Tooltip(s.release() == null ? "no release yet" : s.release()));
        }

        void look(Look look) {
            ToneStyle.apply(step, look == null ? null : look.tone());
            if (look != null && look.tone() == Tone.BAD) {
                step.setText(step.getText().toLowerCase(Locale.ROOT).contains("down") ? step.getText() : look.word());
            }
        }
    }
}
