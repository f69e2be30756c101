package dev.orrery.ui.adopt;

import dev.orrery.adopt.BalancerImport;
import dev.orrery.adopt.DropletImport;
import dev.orrery.adopt.ImportException;
import dev.orrery.adopt.ImportResult;
import dev.orrery.engine.AdoptJobs;
import dev.orrery.engine.Job;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.model.Server;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** The wizard's first page: which source (a mup file, DigitalOcean, the live balancer) and its details. */
final class ImportSource extends VBox {
    final ToggleGroup group = new ToggleGroup();
    final RadioButton mup = radio("A Meteor Up file (mup.json or mup.js)", "import-source-mup");
    final RadioButton droplets = radio("Droplets at DigitalOcean", "import-source-digitalocean");
    final RadioButton balancer = radio("The live balancer (nginx or HAProxy, over SSH)", "import-source-balancer");
    final TextField mupPath = field("import-mup-path", "path to mup.json, mup.js or their folder");
    final TextField settings = field("import-mup-settings", "settings.json (optional: else the one beside it)");
    final ChoiceBox<String> by = new ChoiceBox<>();
    final TextField which = field("import-do-which", "tag or name prefix");
    final TextField balancerName = field("import-do-balancer", "the balancer droplet's name (optional: else a balancer/lb tag)");
    final TextField address = field("import-lb-address", "the balancer's address");
    final TextField sshUser = field("import-lb-user", "SSH user (root)");
    final TextField sshKey = field("import-lb-key", "SSH key file (optional: the ssh-agent, then ~/.ssh/id_*)");
    final Label into = new Label();

    ImportSource(Window owner, Cluster open) {
        super(10);
        setPadding(new Insets(4));
        by.getItems().setAll("tag", "name prefix");
        by.setValue("tag");
        by.setId("import-do-by");
        mup.setSelected(true);
        GridPane mupForm = grid(row("File", mupPath, browse(owner, mupPath)), row("Settings", settings, browse(owner, settings)));
        GridPane doForm = grid(row("Droplets by", by, which), row("Balancer", balancerName, null));
        GridPane lbForm = grid(row("Address", address, null), row("SSH user", sshUser, null), row("SSH key", sshKey, browse(owner, sshKey)));
        into.setId("import-into");
        into.setWrapText(true);
        into.getStyleClass().add("panel-hint");
        into.setText(open == null ? "A new cluster file is made; nothing is written before the last step."
                : "DigitalOcean and the balancer are read into the open cluster " + open.name()
                + " (servers matched by address); a Meteor Up file makes a new cluster. Nothing is written before the last step.");
        mupForm.disableProperty().bind(mup.selectedProperty().not());
        doForm.disableProperty().bind(droplets.selectedProperty().not());
        lbForm.disableProperty().bind(balancer.selectedProperty().not());
        getChildren().addAll(mup, mupForm, droplets, doForm, balancer, lbForm, into);
    }

    /** The import job for what the page says; refuses (with why) what cannot start. */
    Job<ImportResult> job(Orrery orrery, Cluster open) throws ImportException {
        if (mup.isSelected()) {
            if (mupPath.getText().isBlank()) {
                throw new ImportException("say where the mup file is");
            }
            return AdoptJobs.importMup(Path.of(mupPath.getText().strip()),
                    settings.getText().isBlank() ? null : Path.of(settings.getText().strip()));
        }
        if (droplets.isSelected()) {
            String w = which.getText().strip();
            if (w.isEmpty()) {
                throw new ImportException("give the droplets' " + by.getValue());
            }
            boolean tag = by.getValue().equals("tag");
            DropletImport.Options o = new DropletImport.Options(tag ? w : null, tag ? null : w,
                    balancerName.getText().isBlank() ? null : balancerName.getText().strip(), null, List.of(), null);
            return AdoptJobs.importDigitalOceanKeepingTemplate(orrery, open, o);
        }
        Server lb = BalancerImport.balancerServer(open, address.getText().strip(), sshUser.getText().isBlank() ? null : sshUser.getText().strip(),
                22, sshKey.getText().isBlank() ? null : sshKey.getText().strip());
        return AdoptJobs.importBalancer(orrery, open, lb, new BalancerImport.Options(null, null, null));
    }

    private RadioButton radio(String text, String id) {
        RadioButton r = new RadioButton(text);
        r.setId(id);
        r.setToggleGroup(group);
        r.getStyleClass().add("import-source");
        return r;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(36);
        return f;
    }

    private static Button browse(Window owner, TextField target) {
        Button b = new Button("Browse…");
        b.setOnAction(e -> {
            FileChooser c = new FileChooser();
            File f = c.showOpenDialog(owner);
            if (f != null) {
                target.setText(f.toString());
            }
        });
        return b;
    }

    private record Row(String label, javafx.scene.Node field, javafx.scene.Node extra) {
    }

    private static Row row(String label, javafx.scene.Node field, javafx.scene.Node extra) {
        return new Row(label, field, extra);
    }

    private static GridPane grid(Row... rows) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(0, 0, 6, 24));
        for (int i = 0; i < rows.length; i++) {
            g.add(new Label(rows[i].label()), 0, i);
            g.add(rows[i].field(), 1, i);
            if (rows[i].extra() != null) {
                g.add(rows[i].extra(), 2, i);
            }
        }
        return g;
    }
}
