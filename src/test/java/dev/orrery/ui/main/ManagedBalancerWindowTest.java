package dev.orrery.ui.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.TokenStores;
import dev.orrery.cloud.fake.FakeDroplet;
import dev.orrery.engine.state.Tone;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Stickiness;
import dev.orrery.store.OrreryHome;
import dev.orrery.ui.managed.ManagedBalancerSection;
import dev.orrery.ui.topology.ServerNode;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DigitalOcean Load Balancer kind in the window, against the fake API (held to the spec): a
 * managed cluster draws the load balancer as its balancer node, kind "DO LB", whose status is
 * the API's through the live state and ServerLook — on the node, in the inspector and in the health
 * view; Push runs the engine's job. A cluster on an nginx droplet offers the move where its balancer
 * is chosen, saying that DigitalOcean offers only cookie stickiness and that DNS is the user's, and
 * the move runs the same job and rewrites the file.
 */
@ExtendWith(ApplicationExtension.class)
class ManagedBalancerWindowTest {
    private static final String CERT = "892071a0-bb95-49bc-8021-3afd67a210bf";

    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private FakeApiFixture api;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        api = new FakeApiFixture();
        fx = new WindowFixture(tempDir);
        OrreryHome home = new OrreryHome(fx.home);
        home.ensure(home.root());
        new CloudSettings(api.server.url("/").toString(), Map.of()).save(home);
        TokenStores.fileStore(home).save(new ApiToken(FakeApiFixture.TOKEN));
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        api.close();
    }

    /** The example cluster with the fake's droplets as its app servers; {@code managed}: as a DigitalOcean Load Balancer cluster. */
    private void writeCluster(boolean managed) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode file = (ObjectNode) m.readTree(fx.clusterFile.toFile());
        ObjectNode cluster = (ObjectNode) file.get("cluster");
        ArrayNode servers = (ArrayNode) cluster.get("servers");
        for (int i = 0; i < servers.size(); i++) {
            ObjectNode s = (ObjectNode) servers.get(i);
            if ("app".equals(s.get("role").asText())) {
                FakeDroplet d = api.fake.droplet("crater-" + s.get("name").asText(), List.of());
                s.put("dropletId", String.valueOf(d.id()));
            }
        }
        if (managed) {
            servers.remove(0); // lb-1: DigitalOcean runs the balancer
            ObjectNode b = (ObjectNode) cluster.get("balancer");
            b.put("kind", "do-load-balancer").put("stickiness", "cookie").remove("tls");
            b.putObject("managed").put("region", "nyc3");
        }
        Files.writeString(fx.clusterFile, m.writerWithDefaultPrettyPrinter().writeValueAsString(file));
    }

    private void open(boolean managed) throws Exception {
        writeCluster(managed);
        WaitForAsyncUtils.asyncFx(() -> fx.start(stage, fx.clusterFile)).get(1, TimeUnit.MINUTES);
        fx.awaitOpen();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(1, TimeUnit.MINUTES);
    }

    private ServerNode node(String name) throws Exception {
        return onFx(() -> fx.window.topology().node(name));
    }

    private String state(String name) throws Exception {
        return onFx(() -> node(name) == null ? null : node(name).stateWord());
    }

    private <T extends Node> T lookup(String id, Class<T> type) throws Exception {
        return onFx(() -> Window.getWindows().stream().map(w -> w.getScene() == null ? null : w.getScene().lookup("#" + id))
                .filter(type::isInstance).map(type::cast).findFirst().orElse(null));
    }

    private String text(String id) throws Exception {
        return onFx(() -> {
            Label l = Window.getWindows().stream().map(w -> w.getScene() == null ? null : w.getScene().lookup("#" + id))
                    .filter(Label.class::isInstance).map(Label.class::cast).findFirst().orElse(null);
            return l == null ? null : l.getText();
        });
    }

    private String message() throws Exception {
        return Optional.ofNullable(onFx(() -> fx.window.document().messageProperty().get())).orElse("");
    }

    @Test
    void aManagedLoadBalancerIsTheBalancerNodeWithTheApisStatusAndPushRunsTheJob() throws Exception {
        open(true);
        waitFor(() -> node("orrery-crater") != null);
        assertThat(onFx(() -> node("orrery-crater").kindText())).isEqualTo("DO LB");
        // The watch asked the API at once: there is no load balancer yet.
        waitFor(() -> "UNKNOWN".equals(state("orrery-crater")));
        assertThat(onFx(() -> node("orrery-crater").statusWord())).isEqualTo("managed · status unknown");
        assertThat(onFx(() -> node("orrery-crater").tooltipText())).contains("no load balancer named orrery-crater");

        // Its menu pushes through the engine's job: the fake API creates it, the status follows.
        api.fake.loadBalancers().readsUntilActive(0);
        List<String> items = onFx(() -> fx.window.serverMenu().build("orrery-crater").getItems().stream().map(MenuItem::getId).toList());
        assertThat(items).contains("menu-managed-push", "menu-managed-refresh");
        onFx(() -> {
            fx.window.serverMenu().build("orrery-crater").getItems().stream().filter(i -> "menu-managed-push".equals(i.getId()))
                    .findFirst().orElseThrow().fire();
            return null;
        });
        waitFor(() -> "ACTIVE".equals(state("orrery-crater")));
        assertThat(api.fake.loadBalancers().count()).isEqualTo(1);
        String id = api.fake.loadBalancers().idByName("orrery-crater").orElseThrow();
        assertThat(api.fake.loadBalancers().dropletIds(id)).hasSize(3);
        assertThat(onFx(() -> node("orrery-crater").statusWord())).isEqualTo("managed · active");
        assertThat(onFx(() -> node("orrery-crater").getStyleClass())).contains(Tone.GOOD.cssClass());
        assertThat(onFx(() -> node("orrery-crater").addressText())).matches("public  [0-9.]+");

        // The inspector: its own section with the same look, the cookie and DNS notes, Push and Refresh.
        onFx(() -> {
            fx.window.topology().selectedProperty().set("orrery-crater");
            return null;
        });
        waitFor(() -> "managed · active".equals(text("managed-state")));
        assertThat(onFx(() -> lookup("managed-section", ManagedBalancerSection.class).isVisible())).isTrue();
        assertThat(text("managed-kind")).isEqualTo("DigitalOcean Load Balancer orrery-crater in nyc3");
        assertThat(text("managed-note")).contains("only cookie stickiness").contains("The DNS switch is yours");
        assertThat(onFx(() -> lookup("managed-push", Button.class).isVisible())).isTrue();
        assertThat(onFx(() -> lookup("managed-migrate", Button.class).isVisible())).isFalse();

        // The health view shows it too.
        waitFor(() -> fx.window.health().view() != null && onFx(() -> fx.window.health().view().balancerStatusText()) != null
                && onFx(() -> fx.window.health().view().balancerStatusText()).contains("managed · active"));
        assertThat(onFx(() -> fx.window.health().view().balancerStatusText())).startsWith("DigitalOcean Load Balancer orrery-crater: ");

        // DigitalOcean reports it errored: Refresh status reads it, the node turns red and a notification says so.
        api.fake.loadBalancers().error(id);
        onFx(() -> {
            lookup("managed-refresh", Button.class).fire();
            return null;
        });
        waitFor(() -> "ERRORED".equals(state("orrery-crater")));
        assertThat(onFx(() -> node("orrery-crater").getStyleClass())).contains(Tone.BAD.cssClass());
        waitFor(() -> "managed · errored".equals(text("managed-state")));
        waitFor(() -> onFx(() -> fx.window.health().view().balancerStatusText()).contains("managed · errored"));
    }

    @Test
    void theMoveFromAnNginxDropletSaysCookiesAndDnsThenRunsTheJobAndRewritesTheFile() throws Exception {
        open(false);
        waitFor(() -> node("lb-1") != null);
        assertThat(onFx(() -> node("lb-1").kindText())).isEqualTo("nginx");
        assertThat(onFx(() -> node("app-1").kindText())).isEmpty();
        // Where the balancer is chosen (its inspector section): the move, with both notes.
        onFx(() -> {
            fx.window.topology().selectedProperty().set("lb-1");
            return null;
        });
        waitFor(() -> lookup("managed-migrate", Button.class) != null && onFx(() -> lookup("managed-migrate", Button.class).isVisible()));
        assertThat(text("managed-kind")).isEqualTo("nginx on lb-1");
        assertThat(text("managed-note")).contains("only cookie stickiness").contains("Orrery does not change DNS");
        assertThat(onFx(() -> fx.window.serverMenu().build("lb-1").getItems().stream().map(MenuItem::getId).toList()))
                .contains("menu-managed-migrate");

        onFx(() -> {
            lookup("managed-migrate", Button.class).fire();
            return null;
        });
        waitFor(() -> lookup("migrate-apply", Button.class) != null);
        assertThat(text("migrate-sticky")).contains("only cookie stickiness")
                .contains("Sticky sessions move from the client's IP address (ip_hash");
        assertThat(text("migrate-dns")).contains("The DNS switch is yours").contains("Orrery does not change DNS");
        assertThat(text("migrate-steps")).contains("delete that droplet (3164444)");
        // The example serves HTTPS: without a certificate in the account, users would lose it, so it is refused.
        assertThat(text("migrate-blockers")).contains("--certificate-id");
        assertThat(onFx(() -> lookup("migrate-apply", Button.class).isDisabled())).isTrue();
        assertThat(api.fake.requests()).isEmpty();

        onFx(() -> {
            lookup("migrate-certificate", TextField.class).setText(CERT);
            return null;
        });
        waitFor(() -> !onFx(() -> lookup("migrate-apply", Button.class).isDisabled()));
        onFx(() -> {
            lookup("migrate-apply", Button.class).fire();
            return null;
        });

        // The job made the load balancer; the file says do-load-balancer, the old one is kept beside it.
        waitFor(() -> message().contains("saved to") || message().contains("failed"));
        assertThat(message()).contains("Your step: point DNS at").contains("Orrery does not change DNS");
        waitFor(() -> node("orrery-crater") != null && node("lb-1") == null);
        waitFor(() -> fx.onDisk().balancer().kind() == BalancerKind.DO_LOAD_BALANCER);
        assertThat(fx.onDisk().balancer().stickiness()).isEqualTo(Stickiness.COOKIE);
        assertThat(fx.onDisk().balancer().managed().certificateId()).isEqualTo(CERT);
        assertThat(fx.onDisk().balancerServer()).isEmpty();
        assertThat(tempDir.resolve("clusters").resolve("crater.json.before-managed")).exists();
        assertThat(api.fake.loadBalancers().idByName("orrery-crater")).isPresent();
        assertThat(onFx(() -> node("orrery-crater").kindText())).isEqualTo("DO LB");
    }
}
