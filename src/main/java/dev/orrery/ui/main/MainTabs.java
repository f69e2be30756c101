package dev.orrery.ui.main;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The window's centre tabs, in their order; the window's parts fill the tabs other than the topology. */
final class MainTabs {

    final Tab topology;
    final Tab health = tab("Health", "tab-health");
    final Tab logs = tab("Logs", "tab-logs");
    final Tab metrics = tab("Metrics", "tab-metrics");
    final Tab alerts = tab("Alerts", "tab-alerts");
    final TabPane pane;

    MainTabs(Node topologyView) {
        topology = new Tab("Topology", topologyView);
        topology.setId("tab-topology");
        pane = new TabPane(topology, health, metrics, alerts, logs);
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pane.setId("main-tabs");
    }

    private static Tab tab(String title, String id) {
        Tab t = new Tab(title);
        t.setId(id);
        return t;
    }
}
