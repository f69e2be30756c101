package dev.orrery.ui.managed;

import dev.orrery.model.Cluster;
import dev.orrery.model.ClusterValidator;
import dev.orrery.model.Problem;
import dev.orrery.proxy.managed.ManagedMigration;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the user chooses the DigitalOcean Load Balancer as the balancer kind: the same plan as
 * {@code orrery balancer migrate-to-managed} ({@link ManagedMigration}, pure, re-made as the region
 * or certificate is typed) — the steps, what changes for users, and what blocks it — with the two
 * things said up front: DigitalOcean offers only cookie stickiness (an ip_hash client moves to a
 * cookie), and the DNS switch is the user's. "Create load balancer" hands the planned cluster to
 * {@code onApply}, which runs the engine's job; nothing is called from here.
 * Ids: {@code migrate-dialog}, {@code migrate-region}, {@code migrate-certificate}, {@code migrate-sticky},
 * {@code migrate-dns}, {@code migrate-steps}, {@code migrate-changes}, {@code migrate-blockers}, {@code migrate-apply}.
 */
public final class MigrationDialog {
    public static final ButtonType CREATE = new ButtonType("Create load balancer", ButtonBar.ButtonData.OK_DONE);
    /** Said wherever the managed kind is chosen. */
    public static final String STICKY_NOTE = "DigitalOcean's Load Balancer offers only cookie stickiness: a client is kept on one"
            + " droplet by a cookie the load balancer sets, not by its IP address.";
    public static final String DNS_NOTE = "The DNS switch is yours: once the load balancer is active, point your domain's A record at"
            + " its address. Orrery does not change DNS.";

    private MigrationDialog() {
    }

    public static Dialog<ButtonType> show(Window owner, Cluster cluster, Consumer<Cluster> onApply) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.NONE);
        d.setResizable(true);
        d.setTitle("Move to a DigitalOcean Load Balancer");
        d.setHeaderText("Replace " + cluster.balancer().kind().label() + " on the balancer droplet by DigitalOcean's managed Load Balancer");
        d.getDialogPane().setId("migrate-dialog");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        ManagedMigration first = ManagedMigration.plan(cluster, null, null);
        TextField region = new TextField(first.target().balancer().managed().region());
        region.setId("migrate-region");
        TextField certificate = new TextField();
        certificate.setId("migrate-certificate");
        certificate.setPromptText(cluster.balancer().tls() == null ? "none: HTTP only" : "a certificate id in your DigitalOcean account");
        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(6);
        fields.addRow(0, new Label("Region"), region);
        fields.addRow(1, new Label("Certificate (HTTPS)"), certificate);

        Label sticky = note("migrate-sticky");
        Label dns = note("migrate-dns");
        dns.setText(DNS_NOTE);
        Label steps = note("migrate-steps");
        Label changes = note("migrate-changes");
        Label blockers = note("migrate-blockers");
        blockers.getStyleClass().add("job-failed");
        VBox box = new VBox(10, sticky, dns, fields, heading("Steps"), steps, heading("What changes for users"), changes, blockers);
        box.setPrefWidth(640);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(460);
        d.getDialogPane().setContent(scroll);
        d.getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);
        Button create = (Button) d.getDialogPane().lookupButton(CREATE);
        create.setId("migrate-apply");

        ManagedMigration[] plan = new ManagedMigration[1];
        Runnable replan = () -> {
            String r = region.getText().isBlank() ? null : region.getText().trim();
            String cert = certificate.getText().isBlank() ? null : certificate.getText().trim();
            ManagedMigration p = ManagedMigration.plan(cluster, r, cert);
            plan[0] = p;
            sticky.setText(STICKY_NOTE + " " + p.changes().get(0));
            steps.setText(numbered(p.steps()));
            changes.setText(String.join("\n", p.changes().stream().map(c -> "• " + c).toList()));
            List<String> wrong = new ArrayList<>(p.blockers());
            if (wrong.isEmpty()) {
                ClusterValidator.validate(p.target()).stream().map(Problem::toString).forEach(wrong::add);
            }
            blockers.setText(wrong.isEmpty() ? "" : "Cannot create it yet:\n" + String.join("\n", wrong.stream().map(w -> "• " + w).toList()));
            blockers.setVisible(!wrong.isEmpty());
            blockers.setManaged(!wrong.isEmpty());
            create.setDisable(!wrong.isEmpty());
        };
        region.textProperty().addListener((o, was, now) -> replan.run());
        certificate.textProperty().addListener((o, was, now) -> replan.run());
        replan.run();
        create.addEventFilter(javafx.event.ActionEvent.ACTION, e -> onApply.accept(plan[0].target()));
        d.show();
        return d;
    }

    private static Label note(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(620);
        return l;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    private static String numbered(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append(i + 1).append(". ").append(lines.get(i)).append(i + 1 < lines.size() ? "\n" : "");
        }
        return b.toString();
    }
}
