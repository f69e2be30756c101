package dev.orrery.ui.topology;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.live.FileLook;
import dev.orrery.ui.live.ToneStyle;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One server drawn as a card: role, name, address, and what the live state says of it — the
 * badge, the status word and the colour from its {@link Look} (nothing else: not the file's
 * lifecycle, not the probes directly), the release it runs as a short label (the full id in the
 * tooltip), and a latency sparkline.
 */
public final class ServerNode extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final Label role = new Label();
    private final Label badge = new Label();
    /** The release this server runs, top right, so a rollout can be followed on the topology. */
    private final Label release = new Label();
    /** A balancer's kind (nginx, HAProxy, DO LB), top right where app servers show their release. */
    private final Label kind = new Label();
    private final Label name = new Label();
    private final Label address = new Label();
    private final Label privateAddress = new Label();
    private final Label statusWord = new Label();
    private final HBox header;
    private final HBox nameRow;
    private final Region statusDot = new Region();
    private final NodeStatus status;
    private final Tooltip tooltip = new Tooltip();
    private final Node sparkline;
    private Server server;

    public ServerNode(Server server, NodeStatus status, Function<NodeStatus, Node> sparklineFactory) {
        this.status = status;
        getStyleClass().addAll("server-node", "role-" + server.role().name().toLowerCase(Locale.ROOT));
        setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
        setMinSize(TopologyLayout.NODE_WIDTH, TopologyLayout.NODE_HEIGHT);
        setPrefSize(TopologyLayout.NODE_WIDTH, TopologyLayout.NODE_HEIGHT);
        setMaxSize(TopologyLayout.NODE_WIDTH, TopologyLayout.NODE_HEIGHT);

        Region glyph = new Region();
        glyph.getStyleClass().add("role-glyph");
        role.getStyleClass().add("node-role");
        badge.getStyleClass().add("state-badge");
        release.getStyleClass().add("node-release");
        release.setMinWidth(Region.USE_PREF_SIZE);
        Region headerSpacer = new Region();
        HBox.setHgrow(headerSpacer, Priority.ALWAYS);
        kind.getStyleClass().add("node-kind");
        role.setMinWidth(Region.USE_PREF_SIZE); // the role word stays whole; a long kind is the one cut short
        kind.setMinWidth(0);
        kind.managedProperty().bind(kind.textProperty().isNotEmpty());
        header = new HBox(6, glyph, role, headerSpacer, kind, release);
        header.getStyleClass().add("node-header");

        name.getStyleClass().add("node-name");
        name.setMinWidth(40);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        nameRow = new HBox(6, name, spacer, badge);
        nameRow.getStyleClass().add("node-name-row");
        address.getStyleClass().add("node-address");
        privateAddress.getStyleClass().add("node-address");
        privateAddress.managedProperty().bind(privateAddress.textProperty().isNotEmpty());

        statusDot.getStyleClass().add("status-dot");
        statusWord.getStyleClass().add("node-status");
        statusWord.setMinWidth(0);
        Region statusSpacer = new Region();
        HBox.setHgrow(statusSpacer, Priority.ALWAYS);
        sparkline = sparklineFactory.apply(status);
        HBox statusRow = new HBox(6, statusDot, statusWord, statusSpacer, new ResourceBars(status), sparkline);
        statusRow.getStyleClass().add("node-status-row");

        getChildren().addAll(header, nameRow, address, privateAddress, statusRow);
        Tooltip.install(this, tooltip);

        status.lookProperty().addListener((o, was, now) -> showLive());
        // The release or local facts can change while the look stays the same.
        status.liveProperty().addListener((o, was, now) -> showLive());
        update(server);
    }

    /** Shows {@code next} (same card, new values), e.g. after an edit in the inspector. */
    public void update(Server next) {
        if (next.equals(server)) {
            return; // an edit elsewhere in the cluster: nothing here changes, so no CSS pass either
        }
        server = next;
        setId("node-" + next.name());
        // DigitalOcean's load balancer is named after the cluster ("orrery-" + its name), longer than
        // a droplet's usual name: a smaller font and the whole row, and two lines when that is not
        // enough (it has no private address row, so the card has the room). See .managed-node in orrery.css.
        boolean managed = ManagedNode.PROVIDER.equals(next.provider());
        if (managed != getStyleClass().contains("managed-node")) {
            if (managed) {
                getStyleClass().add("managed-node");
            } else {
                getStyleClass().remove("managed-node");
            }
        }
        name.setWrapText(managed);
        name.setText(next.name());
        // Its name gets the whole row; the badge goes to the header beside the kind, in place of the
        // role word (the glyph, the kind "DO LB" and the tooltip say it is the balancer).
        HBox badgeRow = managed ? header : nameRow;
        if (badge.getParent() != badgeRow) {
            ((HBox) badge.getParent()).getChildren().remove(badge);
            badgeRow.getChildren().add(badge);
        }
        role.setVisible(!managed);
        role.setManaged(!managed);
        role.setText(kind.getText().isEmpty() ? roleWord(next.role()) : "BALANCER");
        release.setId("node-" + next.name() + "-release");
        kind.setId("node-" + next.name() + "-kind");
        showLive();
    }

    /**
     * The look to show: the live state's, or — before it has this server — what the one function
     * says of the file alone, a watched server counted as watched (so it says checking, not ready).
     */
    private Look look() {
        Look l = status.look();
        return l != null ? l : FileLook.of(server);
    }

    private void showLive() {
        Look look = look();
        ServerLive live = status.liveProperty().get();
        badge.setText(look.badge());
        statusWord.setText(look.word());
        ToneStyle.apply(this, look.tone());
        // While a job works on it, its step needs the room more than the latency line does.
        boolean working = look.tone() == dev.orrery.engine.state.Tone.BUSY || look.tone() == dev.orrery.engine.state.Tone.PLANNED;
        // DigitalOcean's load balancer is not probed: no latency line, and its status word gets the room.
        boolean noLine = working || ManagedNode.PROVIDER.equals(server.provider());
        if (!sparkline.managedProperty().isBound()) { // the default MiniSparkline manages itself (room only while it shows a line)
            sparkline.setManaged(!noLine);
        }
        sparkline.setOpacity(noLine ? 0 : 1);
        Map<String, String> facts = live == null ? Map.of() : live.facts();
        String listen = facts.get("listen");
        String managedIp = facts.get(dev.orrery.engine.state.ServerLook.MANAGED_IP);
        if (ManagedNode.PROVIDER.equals(server.provider())) {
            // DigitalOcean's load balancer: its address is what the API gave, there is no private one to reach.
            address.setText(managedIp == null ? "address pending" : "public  " + managedIp);
            privateAddress.setText("");
        } else if (listen != null) {
            // A process on this machine: where it listens is the honest address.
            address.setText("listen  " + listen);
            privateAddress.setText("");
        } else {
            String priv = server.privateAddress();
            address.setText(server.publicAddress() == null || server.publicAddress().isEmpty()
                    ? "address pending" : "public  " + server.publicAddress());
            privateAddress.setText(priv == null || priv.isBlank() || priv.equals(server.publicAddress()) ? "" : "private " + priv);
        }
        String label = live != null ? live.releaseLabel() : dev.orrery.engine.state.ReleaseLabel.of(server.release(), null);
        release.setText(label == null ? "" : label);
        tooltip.setText(server.role().label() + " " + server.name()
                + "\n" + address.getText().replaceAll("\\s+", " ")
                + (privateAddress.getText().isEmpty() ? "" : ", " + privateAddress.getText().replaceAll("\\s+", " "))
                + "\n" + look.word() + " — " + look.detail()
                + "\nrelease: " + (live != null && live.release() != null ? live.release() : server.release() != null ? server.release() : "none")
                + (facts.containsKey("pid") ? "\npid " + facts.get("pid") : ""));
        setAccessibleText(server.role().label() + " " + server.name() + ", " + look.word()
                + (label == null ? "" : ", release " + label));
    }

    public Server server() {
        return server;
    }

    /** Shows the balancer's kind on the card ("" for none). */
    public void setKind(String text) {
        if (!text.equals(kind.getText())) {
            kind.setText(text);
            // The kind says the rest: the short role word leaves it room on a 200-pixel card.
            role.setText(text.isEmpty() ? roleWord(server.role()) : "BALANCER");
        }
    }

    public String kindText() {
        return kind.getText();
    }

    public String addressText() {
        return address.getText();
    }

    public String releaseText() {
        return release.getText();
    }

    /** The badge's word ("UP", "DOWN", "DEPLOYING"). */
    public String stateWord() {
        return badge.getText();
    }

    public String statusWord() {
        return statusWord.getText();
    }

    public String tooltipText() {
        return tooltip.getText();
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    private static String roleWord(Role r) {
        return switch (r) {
            case BALANCER -> "LOAD BALANCER";
            case APP -> "APP SERVER";
            case DATABASE -> "DATABASE";
        };
    }
}
