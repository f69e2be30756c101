package dev.orrery.ui.health;

import dev.orrery.engine.state.Look;
import dev.orrery.health.HealthState;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the check-status-like table, Orrery's view beside the balancer's. Its status is a
 * {@link Look} from {@code ServerLook.of}, the one function every face shows. FX thread only.
 */
public final class HealthRow {
    /** The check-status page's index (from 0); the table shows it from 1. */
    final IntegerProperty index = new SimpleIntegerProperty();
    final StringProperty name = new SimpleStringProperty();
    final ObjectProperty<HealthState> state = new SimpleObjectProperty<>(HealthState.CHECKING);
    final ObjectProperty<Look> look = new SimpleObjectProperty<>();
    final IntegerProperty rise = new SimpleIntegerProperty();
    final IntegerProperty fall = new SimpleIntegerProperty();
    final StringProperty type = new SimpleStringProperty("http");
    final StringProperty lastLatency = new SimpleStringProperty("no probe yet");
    final StringProperty lastResult = new SimpleStringProperty("no probe yet");
    final StringProperty balancerStatus = new SimpleStringProperty("not read");
    final StringProperty balancerCounters = new SimpleStringProperty("not read");
    final BooleanProperty disagrees = new SimpleBooleanProperty();

    HealthRow(int index, String name) {
        this.index.set(index);
        this.name.set(name);
    }

    public String name() {
        return name.get();
    }

    public HealthState state() {
        return state.get();
    }

    public ObjectProperty<HealthState> stateProperty() {
        return state;
    }

    /** What the status column shows: word and tone. */
    public ReadOnlyObjectProperty<Look> lookProperty() {
        return look;
    }

    public Look look() {
        return look.get();
    }

    /** The balancer column's text (its own view, or the rendered configuration when it has none). */
    public String balancerStatus() {
        return balancerStatus.get();
    }

    public String balancerCounters() {
        return balancerCounters.get();
    }

    public boolean disagrees() {
        return disagrees.get();
    }
}
