package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.edit.ServerPlacement;
import dev.orrery.ui.inspector.InspectorView;
import dev.orrery.ui.live.WindowLive;
import dev.orrery.ui.palette.AddServerDialog;
import dev.orrery.ui.topology.TopologyView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import java.util.function.Supplier;

/**
 * What the window does with a server the user selects, drops from the palette, edits in the
 * inspector or deletes: each becomes an edit of the {@link ClusterDocument} (or the sandbox's or
 * the provisioning's own way for their servers).
 */
final class ServerEditing {

    private final Stage stage;
    private final ClusterDocument document;
    private final TopologyView topology;
    private final InspectorView inspector;
    private final WindowLive live;
    private final ProvisionActions provision;
    private final Supplier<SandboxControls> sandbox;

    ServerEditing(Stage stage, ClusterDocument document, TopologyView topology, InspectorView inspector, WindowLive live,
                  ProvisionActions provision, Supplier<SandboxControls> sandbox) {
        this.stage = stage;
        this.document = document;
        this.topology = topology;
        this.inspector = inspector;
        this.live = live;
        this.provision = provision;
        this.sandbox = sandbox;
    }

    void showSelected() {
        Cluster c = document.cluster();
        String name = topology.selectedProperty().get();
        Server s = c == null || name == null ? null : c.server(name).orElse(null);
        if (s == null && dev.orrery.ui.topology.ManagedNode.is(c, name)) {
            inspector.showOther(); // the managed load balancer: its own section shows it
        } else if (s == null) {
            inspector.clear();
        } else {
            inspector.show(c, s);
            live.showSelected();
        }
    }

    /** @param slot where it was dropped: its index among the role's servers */
    void addServer(Role role, int slot) {
        Cluster c = document.cluster();
        if (c == null) {
            return;
        }
        int most = c.balancer().failover() != null ? 2 : 1; // a second balancer stands by behind the reserved IP
        if (role == Role.BALANCER && c.balancerServers().size() >= most) {
            document.say("This cluster already has " + (most == 1 ? "a load balancer (" + c.balancerServer().get().name()
                    + "); a second one needs failover (balancer.failover in the cluster file)." : "its two failover balancers."));
            return;
        }
        Runnable existing = () -> AddServerDialog.show(stage, document.cluster(), role, server -> {
            document.edit(ServerPlacement.insert(document.cluster(), server, slot), "Added " + server.name());
            topology.selectedProperty().set(server.name());
        });
        if (role == Role.APP) {
            provision.offer(existing);
        } else {
            existing.run();
        }
    }

    void editServer(String oldName, Server edited) {
        document.edit(document.cluster().replaceServer(oldName, edited), "Changed " + edited.name());
        topology.selectedProperty().set(edited.name());
    }

    void confirmDelete(Server server) {
        SandboxControls controls = sandbox.get();
        if (controls != null && controls.owns(server)) {
            controls.delete(server); // a process here: stopped and taken out of the balancer, after asking
            return;
        }
        if (server.state() == dev.orrery.model.ServerState.FAILED && "digitalocean".equals(server.provider())) {
            provision.deleteFailed(server);
            return;
        }
        WindowAlerts.confirmDelete(stage, document.cluster(), server, () -> {
            if (document.cluster().server(server.name()).isPresent()) {
                document.edit(document.cluster().withoutServer(server.name()), "Deleted " + server.name());
            }
        });
    }

    /** Delete on a selected node asks, as the inspector's button does; Escape clears the selection. */
    void installKeys() {
        topology.setOnKeyPressed(e -> {
            String selected = topology.selectedProperty().get();
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && selected != null && document.cluster() != null) {
                document.cluster().server(selected).ifPresent(this::confirmDelete);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                topology.selectedProperty().set(null);
            }
        });
    }
}
