package dev.orrery.ui.adopt;

import dev.orrery.adopt.ImportItem;
import dev.orrery.adopt.ImportResult;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The wizard's second page: everything the import found, and what became of it — mapped, kept, replaced, or not imported and why. */
final class ImportPreview extends VBox {
    final Label summary = new Label();
    final TableView<ImportItem> table = new TableView<>();
    final TextArea notes = new TextArea();

    ImportPreview() {
        super(8);
        summary.setId("import-summary");
        summary.setWrapText(true);
        table.setId("import-items");
        table.getColumns().add(column("Outcome", 90, i -> i.outcome().word()));
        table.getColumns().add(column("Found", 260, ImportItem::what));
        table.getColumns().add(column("What became of it", 420, i -> i.detail() == null ? "" : i.detail()));
        table.getColumns().add(column("Where", 160, i -> i.where() == null ? "" : i.where()));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ImportItem item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(c -> c.startsWith("import-"));
                if (item != null && !empty) {
                    getStyleClass().add("import-" + item.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        notes.setId("import-notes");
        notes.setEditable(false);
        notes.setWrapText(true);
        notes.setPrefRowCount(4);
        getChildren().addAll(summary, table, new Label("Notes"), notes);
    }

    void show(ImportResult r) {
        long notImported = r.items(ImportItem.Outcome.REFUSED).size() + r.items(ImportItem.Outcome.NOT_MAPPED).size();
        summary.setText("Cluster " + r.cluster().name() + ": " + r.cluster().servers().size() + " servers. Found " + r.items().size()
                + ": " + r.items(ImportItem.Outcome.MAPPED).size() + " mapped, " + r.items(ImportItem.Outcome.KEPT).size() + " kept as is, "
                + r.items(ImportItem.Outcome.REPLACED).size() + " replaced by Orrery's own, " + notImported + " not imported (see why).");
        table.setItems(FXCollections.observableArrayList(r.items()));
        notes.setText(String.join("\n", r.notes()));
    }

    private static TableColumn<ImportItem, String> column(String title, double width, java.util.function.Function<ImportItem, String> f) {
        TableColumn<ImportItem, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }
}
