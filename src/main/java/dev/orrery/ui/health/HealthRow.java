package dev.orrery.ui.health;

import dev.orrery.health.HealthState;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the check-status-like table, Orrery's view beside the balancer's. FX thread only. */
public final class HealthRow {
    final IntegerProperty index = new SimpleIntegerProperty();
    final StringProperty name = new SimpleStringProperty();
    final ObjectProperty<HealthState> state = new SimpleObjectProperty<>(HealthState.CHECKING);
    final IntegerProperty rise = new SimpleIntegerProperty();
    final IntegerProperty fall = new SimpleIntegerProperty();
    final StringProperty type = new SimpleStringProperty("http");
    final StringProperty lastLatency = new SimpleStringProperty("-");
    final StringProperty lastResult = new SimpleStringProperty("-");
    final StringProperty balancerStatus = new SimpleStringProperty("-");
    final StringProperty balancerCounters = new SimpleStringProperty("-");
    final BooleanProperty disagrees = new SimpleBooleanProperty();
    /** What the live state shows for this server (the status column); null until it says. */
    final ObjectProperty<dev.orrery.engine.state.Look> look = new SimpleObjectProperty<>();

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

    public dev.orrery.engine.state.Look look() {
        return look.get();
    }

    public boolean disagrees() {
        return disagrees.get();
    }
}
