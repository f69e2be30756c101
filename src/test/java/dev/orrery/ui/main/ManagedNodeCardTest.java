package dev.orrery.ui.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.ui.topology.ServerNode;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The managed Load Balancer's card reads whole: its name ("orrery-crater") and every other label
 * on it are drawn as they are, not cut short with an ellipsis — the rendered text of each label
 * is its text. Its menu offers no "Show logs" (DigitalOcean keeps no logs Orrery can read), while
 * a droplet's does. The palette's DigitalOcean Load Balancer tile opens the move to it. With the environment variable {@code ORRERY_CARD_SHOTS=DIR} the cards are written there as PNG to look at.
 */
@ExtendWith(ApplicationExtension.class)
class ManagedNodeCardTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fx = new WindowFixture(tempDir);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    private void openManaged() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode file = (ObjectNode) m.readTree(fx.clusterFile.toFile());
        ObjectNode cluster = (ObjectNode) file.get("cluster");
        ((ArrayNode) cluster.get("servers")).remove(0); // lb-1: DigitalOcean runs the balancer
        ObjectNode b = (ObjectNode) cluster.get("balancer");
        b.put("kind", "do-load-balancer").put("stickiness", "cookie").remove("tls");
        b.putObject("managed").put("region", "nyc3");
        Files.writeString(fx.clusterFile, m.writerWithDefaultPrettyPrinter().writeValueAsString(file));
        WaitForAsyncUtils.asyncFx(() -> fx.start(stage, fx.clusterFile)).get(5, TimeUnit.MINUTES);
        fx.awaitOpen();
    }

    private ServerNode node(String name) throws Exception {
        return onFx(() -> fx.window.topology().node(name));
    }

    /** Each label on the card whose drawn text is not its text (cut short), as "text → drawn". */
    private static List<String> cut(ServerNode card) {
        card.applyCss();
        card.layout();
        List<String> out = new ArrayList<>();
        for (Node n : card.lookupAll(".label")) {
            if (n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()) {
                Node t = l.lookup(".text");
                String drawn = t instanceof Text text ? text.getText() : null;
                if (!l.getText().equals(drawn)) {
                    out.add(l.getText() + " → " + drawn);
                }
            }
        }
        return out;
    }

    private static void shoot(ServerNode card, String name) throws Exception {
        String dir = System.getenv("ORRERY_CARD_SHOTS");
        if (dir == null) {
            return;
        }
        var image = onFx(() -> card.snapshot(null, null));
        Files.createDirectories(Path.of(dir));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of(dir, name + ".png").toFile());
    }

    @Test
    void theManagedLoadBalancersCardShowsItsNameAndKindWhole() throws Exception {
        openManaged();
        waitFor(() -> node("orrery-crater") != null && !onFx(() -> node("orrery-crater").stateWord()).isEmpty());
        ServerNode card = node("orrery-crater");
        shoot(card, "managed-card");

        assertThat(onFx(() -> cut(card))).as("labels cut short on the managed card").isEmpty();
        assertThat(onFx(() -> card.lookupAll(".label").stream().map(n -> ((Labeled) n).getText()).toList()))
                .contains("orrery-crater", "DO LB");
        ServerNode app = node("app-1");
        shoot(app, "app-card");
        assertThat(onFx(() -> cut(app))).as("labels cut short on an app server's card").isEmpty();
    }

    /** The palette's DigitalOcean Load Balancer tile, dropped on a droplet balancer's cluster, opens the move's plan (as the menu does). */
    @Test
    void droppingTheManagedLoadBalancerTileOpensTheMoveToIt(org.testfx.api.FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.start(stage, fx.clusterFile)).get(5, TimeUnit.MINUTES);
        fx.awaitOpen();

        robot.drag("#tile-managed-lb").dropTo("#topology");

        waitFor(() -> robot.lookup("#migrate-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#migrate-dialog").query().isVisible()).isTrue();
        onFx(() -> {
            ((javafx.scene.control.DialogPane) robot.lookup("#migrate-dialog").query()).getScene().getWindow().hide();
            return null;
        });
    }

    @Test
    void theManagedNodeOffersNoLogsButADropletDoes() throws Exception {
        openManaged();
        waitFor(() -> node("orrery-crater") != null);
        List<String> managed = onFx(() -> fx.window.serverMenu().build("orrery-crater").getItems().stream().map(MenuItem::getId).toList());
        List<String> app = onFx(() -> fx.window.serverMenu().build("app-1").getItems().stream().map(MenuItem::getId).toList());

        assertThat(managed).contains("menu-managed-push").doesNotContain("menu-show-logs");
        assertThat(app).contains("menu-show-logs");
    }
}
