package dev.orrery.ui.cloud;

import dev.orrery.cloud.DropletTemplate;
import dev.orrery.cloud.Region;
import dev.orrery.cloud.Size;
import dev.orrery.cloud.Snapshot;
import dev.orrery.cloud.SshKey;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Rules;
import dev.orrery.model.Server;
import dev.orrery.provision.DropletChoices;
import dev.orrery.provision.ProvisionNames;
import dev.orrery.provision.ProvisionRequest;
import dev.orrery.ui.main.Background;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "New droplet from snapshot": a name, and region, snapshot and size pickers filled from the API
 * ({@link DropletChoices}, loaded in the background). Only choices that can work are offered —
 * snapshots present in the region, sizes sold there whose disk holds the snapshot — and the last
 * choices for this cluster are picked again. OK hands back the {@link ProvisionRequest}.
 */
public final class NewDropletDialog {
    private NewDropletDialog() {
    }

    public static Dialog<ProvisionRequest> show(Window owner, Background background, Executor io, CloudAccess cloud,
                                                Cluster cluster, Consumer<ProvisionRequest> onCreate) {
        Dialog<ProvisionRequest> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("New droplet");
        d.setHeaderText("New app server from a snapshot, in " + cluster.name());
        d.getDialogPane().setId("new-droplet-dialog");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        TextField name = new TextField(ProvisionNames.next(cluster, Role.APP, 1).get(0));
        name.setId("droplet-name");
        ComboBox<Region> region = combo("droplet-region", r -> r.slug() + " — " + r.name());
        ComboBox<Snapshot> snapshot = combo("droplet-snapshot", s -> s.name() + "  (" + s.minDiskSize() + " GB)");
        ComboBox<Size> size = combo("droplet-size", s -> String.format(Locale.ROOT, "%s — %d vCPU, %d MB, %d GB, $%.0f/mo",
                s.slug(), s.vcpus(), s.memory(), s.disk(), s.priceMonthly()));
        Label status = new Label("Asking DigitalOcean for regions, sizes and snapshots…");
        status.setId("droplet-status");
        status.setWrapText(true);
        status.setMaxWidth(520);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Region"), region);
        grid.addRow(2, new Label("Snapshot"), snapshot);
        grid.addRow(3, new Label("Size"), size);
        d.getDialogPane().setContent(new VBox(12, grid, status, dev.orrery.ui.ops.ScaleOutNote.label(cluster)));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("droplet-ok");
        ok.disableProperty().bind(Bindings.createBooleanBinding(
                () -> region.getValue() == null || snapshot.getValue() == null || size.getValue() == null
                        || Rules.name(name.getText()).isPresent() || cluster.server(name.getText()).isPresent(),
                region.valueProperty(), snapshot.valueProperty(), size.valueProperty(), name.textProperty()));

        DropletChoices[] loaded = new DropletChoices[1];
        region.valueProperty().addListener((o, was, r) -> {
            snapshot.getItems().setAll(r == null ? java.util.List.of() : loaded[0].snapshotsIn(r.slug()));
            snapshot.getSelectionModel().selectFirst();
        });
        snapshot.valueProperty().addListener((o, was, s) -> {
            Region r = region.getValue();
            size.getItems().setAll(r == null || s == null ? java.util.List.of() : loaded[0].sizesFor(r.slug(), s));
            size.getSelectionModel().selectFirst();
        });
        background.run(() -> new Loaded(DropletChoices.load(cloud.provider(), io), cloud.template(cluster.name())), l -> {
            loaded[0] = l.choices();
            region.getItems().setAll(l.choices().availableRegions());
            DropletTemplate last = l.last();
            // The last choice, else where the cluster's app servers are, else the first region holding a snapshot.
            String preferred = last.region() != null ? last.region() : cluster.appServers().stream().map(Server::region)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            select(region, r -> r.slug().equals(preferred));
            if (snapshot.getItems().isEmpty()) {
                select(region, r -> !l.choices().snapshotsIn(r.slug()).isEmpty());
            }
            select(snapshot, s -> s.id().equals(last.snapshotId()));
            select(size, s -> s.slug().equals(last.size()));
            status.setText(l.choices().snapshots().isEmpty()
                    ? "The account has no droplet snapshots: take one of an app server first (orrery snapshot)."
                    : "Only snapshots present in the region and sizes whose disk holds the snapshot are offered.");
        }, e -> {
            status.setText("Cannot read the choices from DigitalOcean: " + e.getMessage());
            status.getStyleClass().add("job-failed");
        });

        Server like = cluster.appServers().stream().findFirst().orElse(null);
        d.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            DropletTemplate t = new DropletTemplate(region.getValue().slug(), size.getValue().slug(), snapshot.getValue().id(),
                    loaded[0].keys().stream().map(SshKey::id).map(String::valueOf).toList(), null, null);
            return new ProvisionRequest(name.getText(), t, like != null ? like.sshUser() : "root",
                    like != null ? like.sshPort() : 22, like != null ? like.sshKey() : null);
        });
        d.setOnHidden(e -> {
            if (d.getResult() != null) {
                onCreate.accept(d.getResult());
            }
        });
        d.show();
        return d;
    }

    private record Loaded(DropletChoices choices, DropletTemplate last) {
    }

    private static <T> void select(ComboBox<T> box, java.util.function.Predicate<T> p) {
        box.getItems().stream().filter(p).findFirst().ifPresentOrElse(box::setValue, () -> box.setValue(null));
        if (box.getValue() == null) {
            box.getSelectionModel().selectFirst();
        }
    }

    private static <T> ComboBox<T> combo(String id, Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.setPrefWidth(360);
        StringConverter<T> conv = new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
        box.setConverter(conv);
        box.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        return box;
    }
}
