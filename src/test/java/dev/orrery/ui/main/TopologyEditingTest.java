package dev.orrery.ui.main;

import dev.orrery.model.Server;
import dev.orrery.ui.health.HealthRow;
import dev.orrery.ui.topology.TopologyLayout;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The topology as an editor: drops land where dropped, empty canvas deselects, one server menu on node and Health row. */
@ExtendWith(ApplicationExtension.class)
class TopologyEditingTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.start(stage, fx.clusterFile);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void anAppServerDroppedBetweenTwoLandsBetweenThem(FxRobot robot) throws Exception {
        fx.awaitOpen();
        TopologyLayout.Point slotOfApp2 = fx.window.topology().layoutResult().nodes().get("app-2"); // right of app-1
        Bounds one = robot.lookup("#node-app-1").query().localToScreen(robot.lookup("#node-app-1").query().getBoundsInLocal());
        Bounds two = robot.lookup("#node-app-2").query().localToScreen(robot.lookup("#node-app-2").query().getBoundsInLocal());
        Point2D gap = new Point2D((one.getMaxX() + two.getMinX()) / 2, (one.getMinY() + one.getMaxY()) / 2);

        robot.drag("#tile-app").dropTo(gap);
        waitFor(() -> robot.lookup("#add-app-choice").tryQuery().isPresent());
        robot.clickOn(ProvisionActions.EXISTING.getText());
        waitFor(() -> robot.lookup("#dialog-name").tryQuery().isPresent());
        robot.clickOn("#dialog-publicAddress").write("10.0.1.44");
        robot.clickOn("#dialog-ok");

        waitFor(() -> fx.onDisk().server("app-4").isPresent());
        assertThat(fx.onDisk().appServers().stream().map(Server::name).toList()).containsExactly("app-1", "app-4", "app-2", "app-3");
        waitFor(() -> fx.window.topology().node("app-4") != null);
        // Drawn in the slot it was dropped on: right of app-1 in its row (app-2's slot until then;
        // the grid may re-centre or wrap for the extra server, the order is what a drop chooses).
        var nodes = fx.window.topology().layoutResult().nodes();
        assertThat(nodes.get("app-4").y()).isEqualTo(nodes.get("app-1").y());
        assertThat(nodes.get("app-4").x()).isEqualTo(nodes.get("app-1").x() + TopologyLayout.NODE_WIDTH + TopologyLayout.H_GAP);
        assertThat(slotOfApp2.y()).isEqualTo(nodes.get("app-1").y());
    }

    @Test
    void clickingEmptyCanvasDeselects(FxRobot robot) throws Exception {
        fx.awaitOpen();
        Bounds topology = fx.window.topology().localToScreen(fx.window.topology().getBoundsInLocal());
        Bounds lb = screenBounds(robot.lookup("#node-lb-1").query());
        Bounds one = screenBounds(robot.lookup("#node-app-1").query());
        Bounds two = screenBounds(robot.lookup("#node-app-2").query());
        Bounds db = screenBounds(robot.lookup("#node-db-1").query());
        List<Point2D> candidates = List.of(
                new Point2D(topology.getMinX() + 12, lb.getCenterY()),                  // beside the balancer, in the margin
                new Point2D((one.getMaxX() + two.getMinX()) / 2, one.getCenterY()),     // between two app servers
                new Point2D(lb.getMaxX() + 40, lb.getCenterY()),                        // right of the balancer
                new Point2D(db.getCenterX(), db.getMaxY() + 30));                       // below the last row
        // Only points on empty canvas inside the view (the window's size differs between runs).
        List<Point2D> empty = candidates.stream()
                .filter(p -> topology.contains(p.getX(), p.getY()) && p.getY() < topology.getMaxY() - 40)
                .filter(p -> robot.lookup(".server-node").queryAll().stream().noneMatch(n -> screenBounds(n).contains(p)))
                .toList();
        assertThat(empty).hasSizeGreaterThanOrEqualTo(2);
        for (Point2D p : empty) {
            robot.clickOn("#node-app-2");
            assertThat(fx.window.topology().selectedProperty().get()).isEqualTo("app-2");
            robot.clickOn(p);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(fx.window.topology().selectedProperty().get()).as("after a click at " + p).isNull();
        }
        assertThat(fx.window.inspector().shown()).isNull();
    }

    @Test
    void rightClickingAHealthRowGivesTheNodesMenu(FxRobot robot) throws Exception {
        fx.awaitOpen();
        contextMenuOn(robot, robot.lookup("#node-app-2").query());
        List<String> nodeMenu = shownMenuTexts();
        assertThat(nodeMenu).contains("Show in inspector", "Delete…");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        waitFor(() -> shownMenu().isEmpty());

        robot.clickOn("#tab-health");
        waitFor(() -> healthRow("app-2").isPresent());
        contextMenuOn(robot, healthRow("app-2").orElseThrow());
        waitFor(() -> shownMenu().isPresent());
        assertThat(shownMenuTexts()).isEqualTo(nodeMenu);

        // The row's Delete… is the node's: it asks first.
        robot.clickOn("Delete…");
        waitFor(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        robot.type(javafx.scene.input.KeyCode.ENTER); // Cancel is the default
        assertThat(fx.window.document().cluster().server("app-2")).isPresent();
    }

    private static Bounds screenBounds(Node n) {
        return n.localToScreen(n.getBoundsInLocal());
    }

    /**
     * A right-click as the desktop delivers it: a context-menu request on the node. (Monocle,
     * the headless platform, turns a right button press into a plain mouse event only.)
     */
    private static void contextMenuOn(FxRobot robot, Node node) {
        robot.interact(() -> {
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            Point2D local = node.screenToLocal(b.getCenterX(), b.getCenterY());
            node.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(),
                    b.getCenterX(), b.getCenterY(), false, new PickResult(node, b.getCenterX(), b.getCenterY())));
        });
    }

    private Optional<Node> healthRow(String server) {
        if (fx.window.health().view() == null) {
            return Optional.empty();
        }
        return fx.window.health().view().table().lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> r && r.getItem() instanceof HealthRow h && h.name().equals(server))
                .findFirst();
    }

    private static Optional<ContextMenu> shownMenu() {
        return Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing()).map(w -> (ContextMenu) w).findFirst();
    }

    private static List<String> shownMenuTexts() throws Exception {
        waitFor(() -> shownMenu().isPresent());
        return shownMenu().orElseThrow().getItems().stream().map(MenuItem::getText).filter(t -> t != null).toList();
    }
}
