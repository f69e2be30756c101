package dev.orrery.ui.health;

import dev.orrery.engine.state.Look;
import dev.orrery.ui.live.ToneStyle;
import dev.orrery.ui.look.ToneColors;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Callback;

import java.util.function.Function;

/**
 * The check-status page as a table — number, server, status, rise, fall, type — plus Orrery's
 * last latency and result, and the balancer's own status and counters beside it. A row where the
 * balancer and Orrery disagree is highlighted, so the disagreement is the first thing seen.
 * Headers never clip: each column is at least as wide as its title. Right-clicking a row shows
 * the same server menu as the topology's node.
 */
public final class HealthTable extends TableView<HealthRow> {
    /** Room around a header's text: the label's padding and the sort arrow's gap. */
    private static final double HEADER_PADDING = 26;

    private Function<String, ContextMenu> rowMenu = name -> null;

    public HealthTable(HealthFxModel model) {
        super(model.rows());
        getStyleClass().add("health-table");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The check-status page counts from 0; people count from 1.
        getColumns().add(column("#", r -> r.index.add(1).asObject(), 36));
        getColumns().add(column("Server", r -> r.name, 110));
        TableColumn<HealthRow, Look> status = column("Status", r -> r.look, 120);
        status.setCellFactory(c -> new StatusCell());
        status.setId("health-status-column");
        getColumns().add(status);
        getColumns().add(column("Rise", r -> r.rise.asObject(), 44));
        getColumns().add(column("Fall", r -> r.fall.asObject(), 44));
        getColumns().add(column("Type", r -> r.type, 48));
        getColumns().add(column("Latency", r -> r.lastLatency, 80));
        getColumns().add(column("Result", r -> r.lastResult, 96));
        getColumns().add(column("Balancer", r -> r.balancerStatus, 110));
        getColumns().add(column("Balancer checks", r -> r.balancerCounters, 150));
        setRowFactory(t -> new DisagreementRow(this));
    }

    /** The menu a right-clicked row shows: the window's shared server menu. */
    public void setRowMenu(Function<String, ContextMenu> menu) {
        rowMenu = menu == null ? name -> null : menu;
    }

    ContextMenu menuFor(String server) {
        return rowMenu.apply(server);
    }

    private static <T> TableColumn<HealthRow, T> column(String title, Callback<HealthRow, ObservableValue<T>> value, double width) {
        TableColumn<HealthRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> value.call(f.getValue()));
        double fits = headerWidth(title);
        c.setMinWidth(fits);
        c.setPrefWidth(Math.max(width, fits));
        c.setSortable(false);
        return c;
    }

    /** The width a header needs to show its whole title in the table's bold header font. */
    static double headerWidth(String title) {
        Text t = new Text(title);
        t.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize() + 1));
        return Math.ceil(t.getLayoutBounds().getWidth()) + HEADER_PADDING;
    }

    /** Highlights itself while its server's balancer view disagrees with Orrery's; right-click shows the server menu. */
    static final class DisagreementRow extends TableRow<HealthRow> {
        private final javafx.beans.InvalidationListener restyle = o -> restyle();
        private HealthRow watched;

        DisagreementRow(HealthTable table) {
            setOnContextMenuRequested(e -> {
                if (watched == null) {
                    return;
                }
                ContextMenu menu = table.menuFor(watched.name());
                if (menu != null && !menu.getItems().isEmpty()) {
                    menu.show(this, e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
        }

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

    /** The look's word in its tone's colour, with the {@code tone-*} style class. */
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
            // The stylesheet colours .tone-* words the same; set here too for a view without it.
            setTextFill(ToneColors.text(look.tone()));
            setStyle("-fx-font-weight: bold;");
            ToneStyle.apply(this, look.tone());
            setTooltip(look.detail() == null ? null : new Tooltip(look.detail()));
        }
    }
}
