package dev.orrery.ui.logs;

import dev.orrery.logs.LogFilter;
import dev.orrery.logs.LogSource;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;

import java.util.List;
import java.util.Set;

/** The Logs tab's server and log choices, and the {@link LogFilter} they make. */
final class LogFilterBar {
    private static final String ALL_SERVERS = "All servers";

    private final ComboBox<String> server = new ComboBox<>();
    private final ComboBox<String> source = new ComboBox<>(FXCollections.observableArrayList("all logs", "app", "balancer", "deploy markers"));

    /** @param changed runs when either choice changes */
    LogFilterBar(Runnable changed) {
        server.setId("logs-server");
        server.getItems().add(ALL_SERVERS);
        server.getSelectionModel().select(ALL_SERVERS);
        server.valueProperty().addListener((o, was, now) -> changed.run());
        source.setId("logs-source");
        source.getSelectionModel().select(0);
        source.valueProperty().addListener((o, was, now) -> changed.run());
    }

    ComboBox<String> serverChoice() {
        return server;
    }

    ComboBox<String> sourceChoice() {
        return source;
    }

    /** A new cluster's servers; all of them chosen. */
    void setServers(List<String> servers) {
        server.getItems().setAll(ALL_SERVERS);
        server.getItems().addAll(servers);
        server.getSelectionModel().select(ALL_SERVERS);
    }

    /** Chooses {@code name} (listing it when it is not yet). */
    void showServer(String name) {
        if (!server.getItems().contains(name)) {
            server.getItems().add(name);
        }
        server.getSelectionModel().select(name);
    }

    LogFilter filter() {
        LogFilter f = LogFilter.ALL;
        String s = server.getValue();
        if (s != null && !s.equals(ALL_SERVERS)) {
            f = f.withServers(Set.of(s));
        }
        return switch (source.getSelectionModel().getSelectedIndex()) {
            case 1 -> f.withSources(Set.of(LogSource.APP));
            case 2 -> f.withSources(Set.of(LogSource.ACCESS, LogSource.ERROR));
            case 3 -> f.withSources(Set.of(LogSource.DEPLOY));
            default -> f;
        };
    }
}
