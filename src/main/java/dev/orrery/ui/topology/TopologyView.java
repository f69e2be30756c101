package dev.orrery.ui.topology;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.transform.Scale;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cluster drawn as the seed's diagram ({@link TopologyLayout}), zoomable and scrollable, and
 * the drop target for palette tiles. Nodes are kept by server name and moved rather than rebuilt,
 * so live statuses ({@link #status(String)}) and selection survive edits and resizes.
 */
public final class TopologyView extends StackPane {
    public static final double MIN_ZOOM = 0.3;
    public static final double MAX_ZOOM = 2.0;
    public static final double FIT_FLOOR = 0.5;

    private final Pane lines = new Pane();
    private final Pane nodeLayer = new Pane();
    private final Pane canvas = new Pane(lines, nodeLayer);
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final ScrollPane scroll = new ScrollPane(new Group(canvas));
    private final Label hint = new Label();
    private final ReservedIpLabel reservedIp = new ReservedIpLabel();
    private final ZoomBar zoomBar;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final ObjectProperty<Cluster> cluster = new SimpleObjectProperty<>(this, "cluster");
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final Map<String, ServerNode> nodes = new HashMap<>();
    private final Map<String, NodeStatus> statuses = new HashMap<>();
    private Function<NodeStatus, Node> sparklineFactory = MiniSparkline::new;
    private BiConsumer<Role, Integer> onRoleDropped = (role, slot) -> { };
    private Runnable onManagedDropped = () -> { };
    private Function<String, ContextMenu> nodeMenu = name -> null;
    private TopologyLayout.Result layout;
    private boolean relayoutPending;
    private String emptyText;

    public TopologyView() {
        getStyleClass().add("topology");
        setId("topology");
        setFocusTraversable(true);
        canvas.getStyleClass().add("topology-canvas");
        canvas.getTransforms().add(scale);
        lines.setMouseTransparent(true);
        scroll.getStyleClass().add("topology-scroll");
        scroll.setPannable(false);
        hint.getStyleClass().add("topology-hint");
        hint.setMouseTransparent(true);
        hint.setWrapText(true);
        zoomBar = new ZoomBar(zoom);
        StackPane.setAlignment(zoomBar, Pos.BOTTOM_RIGHT);
        Node legend = new Legend();
        StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
        getChildren().addAll(scroll, hint, legend, zoomBar, reservedIp);

        zoom.addListener((o, was, now) -> {
            scale.setX(now.doubleValue());
            scale.setY(now.doubleValue());
            relayout();
        });
        cluster.addListener((o, was, now) -> syncNodes());
        selected.addListener((o, was, now) -> nodes.forEach((name, node) -> node.setSelected(name.equals(now))));
        scroll.viewportBoundsProperty().addListener((o, was, now) -> {
            if (was == null || was.getWidth() != now.getWidth()) {
                relayoutLater();
            }
        });
        // A click anywhere that is not a node (the canvas, the space around it, the scroll
        // pane's viewport) clears the selection.
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && !onNode(e.getPickResult().getIntersectedNode())) {
                selected.set(null);
                requestFocus();
            }
        });
        scroll.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && e.getDeltaY() != 0) {
                zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1);
                e.consume();
            }
        });
        TopologyDropTarget.install(this, cluster::get, () -> onRoleDropped, () -> onManagedDropped);
        syncNodes();
    }

    public ObjectProperty<Cluster> clusterProperty() {
        return cluster;
    }

    /** The selected server's name, or null. */
    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public void zoomBy(double factor) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * factor)));
    }

    /** Called on the FX thread, after the drop has finished, with the role of the tile dropped. */
    public void setOnRoleDropped(Consumer<Role> handler) {
        onRoleDropped = (role, slot) -> handler.accept(role);
    }

    /**
     * Like {@link #setOnRoleDropped}, with where it was dropped: the index among that role's
     * servers (see {@link TopologyLayout#insertionIndex}) at which the new server shows in that place.
     */
    /** What a drop of the managed Load Balancer tile does (the window: the move to it, as the menu). */
    public void setOnManagedDropped(Runnable handler) {
        onManagedDropped = handler;
    }

    public void setOnRoleDroppedAt(BiConsumer<Role, Integer> handler) {
        onRoleDropped = handler;
    }

    /** The menu a node shows when right-clicked (null: none); the window's shared server menu. */
    public void setNodeMenu(Function<String, ContextMenu> menu) {
        nodeMenu = menu;
    }

    /** The index among {@code role}'s servers a drop at this scene point means. */
    public int dropIndex(Role role, double sceneX, double sceneY) {
        Cluster c = cluster.get();
        if (c == null || layout == null) {
            return 0;
        }
        Point2D p = canvas.sceneToLocal(sceneX, sceneY);
        return TopologyLayout.insertionIndex(layout, names(c.byRole(role)), p.getX(), p.getY());
    }

    /** The live status shown on the node for {@code serverName}; see {@link NodeStatus}. */
    public NodeStatus status(String serverName) {
        return statuses.computeIfAbsent(serverName, n -> new NodeStatus());
    }

    /** Shows what the live state says of a server on its node (now, or when the node is drawn). */
    public void showLive(dev.orrery.engine.state.ServerLive server, dev.orrery.engine.state.Look look) {
        NodeStatus s = status(server.name());
        if (!look.equals(s.look()) || !server.equals(s.liveProperty().get())) {
            s.show(server, look);
            reservedIp.show(cluster.get(), statuses);
        }
    }

    /** The reserved-IP label's text, or null while it is hidden (tests, accessibility). */
    public String reservedIpText() {
        return reservedIp.shownText();
    }

    /** What shows while no cluster is drawn ("Starting the sandbox…"); null for the usual hint. */
    public void setEmptyText(String text) {
        emptyText = text;
        syncNodes();
    }

    /** Replaces the small sparkline on every node made from now on (the health feature's seam). */
    public void setSparklineFactory(Function<NodeStatus, Node> factory) {
        sparklineFactory = factory;
        nodeLayer.getChildren().clear();
        nodes.clear();
        syncNodes();
    }

    public ServerNode node(String serverName) {
        return nodes.get(serverName);
    }

    /** The layout last drawn (columns and rows, for tests and the status bar). */
    public TopologyLayout.Result layoutResult() {
        return layout;
    }

    private void syncNodes() {
        Cluster c = cluster.get();
        List<Server> servers = c == null ? List.of() : ManagedNode.drawn(c);
        Set<String> present = new HashSet<>();
        for (Server s : servers) {
            present.add(s.name());
            ServerNode node = nodes.get(s.name());
            if (node == null || node.server().role() != s.role()) {
                if (node != null) {
                    nodeLayer.getChildren().remove(node);
                }
                node = new ServerNode(s, status(s.name()), sparklineFactory);
                ServerNode created = node;
                node.setOnMouseClicked(e -> {
                    selected.set(created.server().name());
                    requestFocus(); // so Delete and Escape reach the topology
                });
                node.setOnContextMenuRequested(e -> {
                    selected.set(created.server().name());
                    ContextMenu menu = nodeMenu.apply(created.server().name());
                    if (menu != null && !menu.getItems().isEmpty()) {
                        menu.show(created, e.getScreenX(), e.getScreenY());
                        e.consume();
                    }
                });
                nodes.put(s.name(), node);
                nodeLayer.getChildren().add(node);
            }
            node.update(s);
            node.setKind(s.role() == Role.BALANCER ? ManagedNode.kindText(c) : "");
            node.setSelected(s.name().equals(selected.get()));
        }
        nodes.keySet().removeIf(name -> {
            if (!present.contains(name)) {
                nodeLayer.getChildren().remove(nodes.get(name));
                return true;
            }
            return false;
        });
        // A server that left takes its live status with it (a new one of that name starts fresh).
        statuses.keySet().retainAll(present);
        if (selected.get() != null && !present.contains(selected.get())) {
            selected.set(null);
        }
        hint.setText(c == null ? (emptyText != null ? emptyText : "No cluster open.\nFile ▸ New makes one, File ▸ Open… reads one.")
                : c.appServers().isEmpty() ? "Drag an App server from the palette and drop it here." : "");
        hint.setVisible(!hint.getText().isEmpty());
        reservedIp.show(cluster.get(), statuses);
        relayout();
    }

    /**
     * The viewport changes size inside a layout pass; nodes added there would miss that pass's
     * CSS, so the redraw waits for the pass to end.
     */
    private void relayoutLater() {
        if (!relayoutPending) {
            relayoutPending = true;
            Platform.runLater(() -> {
                relayoutPending = false;
                relayout();
            });
        }
    }

    /**
     * Zooms so the whole diagram fits the view, but never below {@link #FIT_FLOOR}, where names
     * stop being readable; beyond that the view scrolls.
     */
    public void zoomToFit() {
        double vw = scroll.getViewportBounds().getWidth();
        double vh = scroll.getViewportBounds().getHeight();
        Cluster c = cluster.get();
        if (c == null || vw <= 0 || vh <= 0) {
            return;
        }
        double z = 1.0;
        while (z > FIT_FLOOR) {
            TopologyLayout.Result r = TopologyLayout.compute(ManagedNode.balancerNames(c), names(c.byRole(Role.APP)),
                    names(c.byRole(Role.DATABASE)), vw / z);
            if (r.height() * z <= vh && r.width() * z <= vw) {
                break;
            }
            z = Math.max(FIT_FLOOR, z * 0.95);
        }
        zoom.set(z);
    }

    private void relayout() {
        Cluster c = cluster.get();
        double viewport = scroll.getViewportBounds() == null ? 0 : scroll.getViewportBounds().getWidth();
        double available = (viewport > 0 ? viewport : 1000) / zoom.get();
        List<String> balancers = c == null ? List.of() : ManagedNode.balancerNames(c);
        List<String> apps = c == null ? List.of() : names(c.byRole(Role.APP));
        List<String> dbs = c == null ? List.of() : names(c.byRole(Role.DATABASE));
        layout = TopologyLayout.compute(balancers, apps, dbs, available);
        layout.nodes().forEach((name, p) -> {
            ServerNode n = nodes.get(name);
            if (n != null) {
                n.relocate(p.x(), p.y());
            }
        });
        lines.getChildren().setAll(layout.lines().stream().map(TopologyView::draw).toList());
        canvas.setPrefSize(layout.width(), layout.height());
        canvas.setMinSize(layout.width(), layout.height());
    }

    private static Node draw(TopologyLayout.Line l) {
        Line line = new Line(l.x1(), l.y1(), l.x2(), l.y2());
        line.getStyleClass().addAll("traffic", "traffic-" + l.traffic().name().toLowerCase(Locale.ROOT));
        return line;
    }

    private static boolean onNode(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (at instanceof ServerNode || at instanceof ZoomBar || at instanceof javafx.scene.control.ScrollBar) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(List<Server> servers) {
        return servers.stream().map(Server::name).toList();
    }
}
