package dev.orrery.ui.adopt;

import dev.orrery.adopt.ImportException;
import dev.orrery.adopt.ImportFiles;
import dev.orrery.adopt.ImportResult;
import dev.orrery.engine.Job;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.ui.main.Background;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * File ▸ Import…: adopt a cluster that already runs, in three steps — choose the source (a Meteor
 * Up file, DigitalOcean's droplets, the live balancer), preview what was found and what became of
 * each thing, then save. The import runs as an engine job; nothing is written before Save, and a
 * file that is written over is kept as {@code FILE.orrery-prev}.
 */
public final class ImportWizard {
    public static final ButtonType BACK = new ButtonType("Back", ButtonBar.ButtonData.BACK_PREVIOUS);
    public static final ButtonType NEXT = new ButtonType("Next", ButtonBar.ButtonData.NEXT_FORWARD);
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.FINISH);

    private final Orrery orrery;
    private final Background background;
    private final Cluster open;
    private final Path openFile;
    private final Path folder;
    private final Consumer<Path> opener;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ImportSource source;
    private final ImportPreview preview = new ImportPreview();
    private final TextField target = new TextField();
    private final Label status = new Label();
    private final VBox savePage;
    private int page;
    private ImportResult result;

    private ImportWizard(Window owner, Orrery orrery, Background background, Cluster open, Path openFile, Path folder,
                         Consumer<Path> opener) {
        this.orrery = orrery;
        this.background = background;
        this.open = open;
        this.openFile = openFile;
        this.folder = folder;
        this.opener = opener;
        this.source = new ImportSource(owner, open);
        target.setId("import-target");
        target.setPrefColumnCount(48);
        status.setId("import-status");
        status.setWrapText(true);
        Label hint = new Label("An existing file is kept as FILE.orrery-prev before it is written over.");
        hint.getStyleClass().add("panel-hint");
        savePage = new VBox(10, new Label("Save the cluster to"), target, hint);
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle("Import a cluster");
        dialog.getDialogPane().setId("import-wizard");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().getButtonTypes().setAll(BACK, NEXT, SAVE, ButtonType.CANCEL);
        dialog.getDialogPane().setPrefSize(980, 640);
        button(BACK).addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            go(page - 1);
        });
        button(NEXT).addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            next();
        });
        button(SAVE).addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            save();
        });
        button(BACK).setId("import-back");
        button(NEXT).setId("import-next");
        button(SAVE).setId("import-save");
        go(0);
    }

    /**
     * @param open     the cluster open in the window (DigitalOcean and the balancer are read into it), or null
     * @param folder   where new cluster files go
     * @param opener   opens the saved file in the window
     */
    public static ImportWizard show(Window owner, Orrery orrery, Background background, Cluster open, Path openFile,
                                    Path folder, Consumer<Path> opener) {
        ImportWizard w = new ImportWizard(owner, orrery, background, open, openFile, folder, opener);
        w.dialog.show();
        return w;
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    private void go(int p) {
        page = p;
        VBox body = new VBox(10, new Label(switch (p) {
            case 0 -> "1 · Choose what to import";
            case 1 -> "2 · What was found, and what became of it";
            default -> "3 · Save";
        }), new StackPane(p == 0 ? source : p == 1 ? preview : savePage), status);
        body.getChildren().get(0).getStyleClass().add("wizard-step");
        dialog.getDialogPane().setContent(body);
        button(BACK).setDisable(p == 0);
        button(NEXT).setDisable(p == 2);
        button(SAVE).setDisable(p != 2);
        if (p != 1) {
            status.setText("");
        }
    }

    private void next() {
        if (page == 1) {
            target.setText(defaultTarget(result.cluster()).toString());
            go(2);
            return;
        }
        Job<ImportResult> job;
        try {
            job = source.job(orrery, sourceIsMup() ? null : open);
        } catch (ImportException | RuntimeException e) {
            status.setText("Cannot start: " + e.getMessage());
            return;
        }
        status.setText("Reading… (" + job.title() + ")");
        button(NEXT).setDisable(true);
        JobRunner.run(orrery.engine(), job, r -> {
            result = r;
            preview.show(r);
            status.setText("");
            go(1);
        }, e -> {
            button(NEXT).setDisable(false);
            status.setText("The import failed: " + e.getMessage());
        });
    }

    private boolean sourceIsMup() {
        return source.mup.isSelected();
    }

    private Path defaultTarget(Cluster c) {
        if (!sourceIsMup() && openFile != null) {
            return openFile;
        }
        return folder.resolve(c.name() + ".json");
    }

    private void save() {
        Path file = Path.of(target.getText().strip());
        button(SAVE).setDisable(true);
        status.setText("Saving…");
        background.run(() -> {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return ImportFiles.save(file, result.cluster());
        }, previous -> {
            status.setText("Saved " + file + (previous != null ? "; what was there is kept in " + previous.getFileName() : ""));
            opener.accept(file);
            dialog.close();
        }, e -> {
            button(SAVE).setDisable(false);
            status.setText("Not saved: " + e.getMessage());
        });
    }

    private Button button(ButtonType t) {
        return (Button) dialog.getDialogPane().lookupButton(t);
    }

    /** For tests: the page shown (0 choose, 1 preview, 2 save). */
    public int page() {
        return page;
    }
}
