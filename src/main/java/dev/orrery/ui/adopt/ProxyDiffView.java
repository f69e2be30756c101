package dev.orrery.ui.adopt;

import dev.orrery.adopt.BalancerDiffs;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What a push would change on the live balancer (each of a failover pair), directive by directive — the same text as
 * {@code orrery diff-proxy}. Reading the live configuration is an engine job; the view starts it
 * when it is made (the Push dialog makes it when its tab is first shown).
 */
public final class ProxyDiffView extends VBox {
    private final Label status = new Label("Reading the live balancer…");
    private final TextArea text = new TextArea();

    public ProxyDiffView(Engine engine, Job<BalancerDiffs> job) {
        super(8);
        setId("proxy-diff-view");
        status.setId("proxy-diff-status");
        status.setWrapText(true);
        text.setId("proxy-diff-text");
        text.setEditable(false);
        text.getStyleClass().add("config-text");
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().addAll(status, text);
        JobRunner.run(engine, job, this::show, e -> {
            status.setText("The live balancer could not be compared: " + e.getMessage());
            status.getStyleClass().add("job-failed");
        });
    }

    private void show(BalancerDiffs d) {
        status.setText(d.summary());
        status.getStyleClass().add(d.noChange() ? "tone-ok" : "tone-warn");
        text.setText(d.text());
    }
}
