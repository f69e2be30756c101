package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import dev.orrery.provision.ClusterModel;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * The open cluster as a workflow's {@link ClusterModel}: a workflow on an engine thread changes
 * the document on the FX thread (so the window shows it and saves it in order) and waits for it —
 * the FX thread never waits. While a provision has not yet put its server in, the window shows a
 * placeholder of that name, which this model hides from the workflow. If another cluster was
 * opened meanwhile, updates are refused rather than written into the wrong file.
 */
final class DocumentClusterModel implements ClusterModel {
    private final ClusterDocument document;
    private final Path file;
    private final String placeholder;
    private volatile boolean workflowOwnsServer;
    private volatile Cluster mirror;

    /** @param placeholder the name of the window's stand-in node, or null for none. Build on the FX thread. */
    DocumentClusterModel(ClusterDocument document, String placeholder) {
        this.document = document;
        this.file = document.fileProperty().get();
        this.placeholder = placeholder;
        this.workflowOwnsServer = placeholder == null;
        this.mirror = document.cluster();
        document.clusterProperty().addListener((o, was, now) -> {
            if (now != null && file.equals(document.fileProperty().get())) {
                mirror = now;
            }
        });
    }

    @Override
    public Cluster current() {
        return visible(mirror);
    }

    @Override
    public synchronized Cluster update(UnaryOperator<Cluster> change) {
        if (Platform.isFxApplicationThread()) {
            return apply(change);
        }
        CompletableFuture<Cluster> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(apply(change));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a change to the cluster", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Cluster apply(UnaryOperator<Cluster> change) {
        if (document.cluster() == null || !file.equals(document.fileProperty().get())) {
            throw new IllegalStateException("the cluster " + file.getFileName() + " was closed in the window; the change is not recorded");
        }
        Cluster shown = document.cluster();
        Server stand = placeholder == null ? null : shown.server(placeholder).orElse(null);
        Cluster next = change.apply(visible(shown));
        if (!workflowOwnsServer && next.server(placeholder).isPresent()) {
            workflowOwnsServer = true; // the workflow's own server replaces the stand-in
        }
        Cluster toShow = !workflowOwnsServer && stand != null ? next.withServer(stand) : next;
        document.apply(toShow, "Updated " + toShow.name());
        mirror = toShow;
        return next;
    }

    private Cluster visible(Cluster c) {
        if (workflowOwnsServer || c == null || c.server(placeholder).isEmpty()) {
            return c;
        }
        return c.withoutServer(placeholder);
    }
}
