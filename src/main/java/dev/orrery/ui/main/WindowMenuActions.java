package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.ui.cloud.TokenSettingsDialog;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;

/**
 * What the window's menu items do ({@link MainMenu.Actions}): each hands over to the window's
 * part that owns it. Reads the parts from the window when an item is chosen, so it may be made
 * before all of them are.
 */
final class WindowMenuActions implements MainMenu.Actions {

    private final MainWindow window;

    WindowMenuActions(MainWindow window) {
        this.window = window;
    }

    private ClusterDocument document() {
        return window.document();
    }

    @Override
    public void deployRelease() {
        window.deploy().deploy();
    }

    @Override
    public void rollback() {
        window.deploy().rollback();
    }

    @Override
    public void certificates() {
        window.tls().openCertificates();
    }

    @Override
    public void newCluster() {
        Path clusters = window.home().clustersDir();
        NewClusterDialog.show(window.stage(), clusters.toString(), name -> document().createNew(name, clusters));
    }

    @Override
    public void importCluster() {
        dev.orrery.ui.adopt.ImportWizard.show(window.stage(), window.orrery(), document().background(), document().cluster(),
                document().fileProperty().get(), window.home().clustersDir(), document()::open);
    }

    @Override
    public void cloudSettings() {
        TokenSettingsDialog.show(window.stage(), document().background(), window.provision().cloud());
    }

    @Override
    public void open() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open cluster");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Orrery cluster (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = document().fileProperty().get();
        chooser.setInitialDirectory((current != null ? current.toAbsolutePath().getParent() : window.home().clustersDir()).toFile());
        File chosen;
        try {
            chosen = chooser.showOpenDialog(window.stage());
        } catch (IllegalArgumentException folderGone) {
            // The folder was removed since; ask again from the system's default folder.
            chooser.setInitialDirectory(null);
            chosen = chooser.showOpenDialog(window.stage());
        }
        if (chosen != null) {
            document().open(chosen.toPath());
        }
    }

    @Override
    public void openRecent(Path file) {
        document().open(file);
    }

    @Override
    public void switchBalancer() {
        ClusterDocument document = document();
        window.ops().switchBalancer(document::cluster, window.engine(), kind -> {
            Cluster c = document.cluster();
            if (c != null) {
                document.apply(c.withBalancer(c.balancer().withKind(kind)), "Switched the balancer to " + kind.name().toLowerCase());
            }
        }, document::say);
    }

    @Override
    public void moveToManagedBalancer() {
        window.managedBalancer().migrate();
    }

    @Override
    public void save() {
        document().save("Saved");
    }

    @Override
    public void saveAs() {
        document().saveAs();
    }

    @Override
    public void undo() {
        document().undo();
    }

    @Override
    public void redo() {
        document().redo();
    }

    @Override
    public void quit() {
        window.quit();
    }

    @Override
    public SandboxControls sandbox() {
        return window.sandbox();
    }

    @Override
    public void about() {
        AboutDialog.show(window.stage(), window.home());
    }

    @Override
    public void zoomIn() {
        window.topology().zoomBy(1.25);
    }

    @Override
    public void zoomOut() {
        window.topology().zoomBy(1 / 1.25);
    }

    @Override
    public void zoomToFit() {
        window.topology().zoomToFit();
    }

    @Override
    public void zoomReset() {
        window.topology().zoomProperty().set(1.0);
    }
}
