package dev.orrery.ui.health;

import dev.orrery.engine.state.Look;
import dev.orrery.ui.live.ToneStyle;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;

/**
 * The check-status page as a table — index, name, status, rise, fall, type — plus Orrery's last
 * latency and result, and the balancer's own status and counters beside it. A row where the
 * balancer and Orrery disagree is highlighted, so the disagreement is the first thing seen.
 */
public final class HealthTable extends TableView<HealthRow> {

    public HealthTable(HealthFxModel model) {
        super(model.rows());
        getStyleClass().add("health-table");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        getColumns().add(column("#", r -> r.index.asObject(), 40));
        getColumns().add(column("Name", r -> r.name, 120));
        TableColumn<HealthRow, Look> status = column("Status (Orrery)", r -> r.look, 110);
        status.setCellFactory(c -> new StatusCell());
        status.setId("health-status-column");
        getColumns().add(status);
        getColumns().add(column("Rise", r -> r.rise.asObject(), 50));
        getColumns().add(column("Fall", r -> r.fall.asObject(), 50));
        getColumns().add(column("Type", r -> r.type, 50));
        getColumns().add(column("Last latency", r -> r.lastLatency, 90));
        getColumns().add(column("Last result", r -> r.lastResult, 110));
        getColumns().add(column("Balancer says", r -> r.balancerStatus, 110));
        getColumns().add(column("Balancer rise / fall", r -> r.balancerCounters, 120));
        setRowFactory(t -> new DisagreementRow());
    }

    private static <T> TableColumn<HealthRow, T> column(String title, Callback<HealthRow, ObservableValue<T>> value, double width) {
        TableColumn<HealthRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> value.call(f.getValue()));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** Highlights itself while its server's balancer view disagrees with Orrery's. */
    static final class DisagreementRow extends TableRow<HealthRow> {
        private final javafx.beans.InvalidationListener restyle = o -> restyle();
        private HealthRow watched;

        @Override
        protected void updateItem(HealthRow item, boolean empty) {
            super.updateItem(item, empty);
            if (watched != null) {
                watched.disagrees.removeListener(restyle);
            }
            watched = empty ? null : item;
            if (watched != null) {
                watched.disagrees.addListener(restyle);
            }
            restyle();
        }

        private void restyle() {
            getStyleClass().remove("health-disagree");
            setStyle("");
            setTooltip(null);
            if (watched != null && watched.disagrees()) {
                getStyleClass().add("health-disagree");
                setStyle("-fx-background-color: #fff3c4;");
                setTooltip(new Tooltip("The balancer's own checks disagree with Orrery's probes"));
            }
        }
    }

    /** The live state's word for the server in its tone's colour: the same look as its node's. */
    static final class StatusCell extends TableCell<HealthRow, Look> {
        StatusCell() {
            getStyleClass().add("health-status-cell");
        }

        @Override
        protected void updateItem(Look look, boolean empty) {
            super.updateItem(look, empty);
            if (empty || look == null) {
                setText(null);
                setTooltip(null);
                ToneStyle.apply(this, null);
                return;
            }
            setText(look.word());
            ToneStyle.apply(this, look.tone());
            setTooltip(new Tooltip(look.detail()));
        }
    }
}
