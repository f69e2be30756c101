package dev.orrery.ui.topology;

import dev.orrery.model.Role;
import dev.orrery.model.Server;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Function;

/**
 * One server drawn as a card: role, name, address, the state the file records (a word on a
 * coloured badge) and the live {@link NodeStatus} set from outside (a word, a dot, a sparkline).
 */
public final class ServerNode extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass DRAINED = PseudoClass.getPseudoClass("drained");

    private final Label role = new Label();
    private final Label state = new Label();
    /** The release this server runs, top right, so a rollout can be followed on the topology. */
    private final Label release = new Label();
    private final Label name = new Label();
    private final Label address = new Label();
    private final Label privateAddress = new Label();
    private final Label statusWord = new Label();
    private final Region statusDot = new Region();
    private final NodeStatus status;
    private final Tooltip tooltip = new Tooltip();
    private Server server;
    private String stateClass;
    private String statusClass;
    private boolean drained;

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
        state.getStyleClass().add("state-badge");
        release.getStyleClass().add("node-release");
        Region headerSpacer = new Region();
        HBox.setHgrow(headerSpacer, Priority.ALWAYS);
        HBox header = new HBox(6, glyph, role, headerSpacer, release);
        header.getStyleClass().add("node-header");

        name.getStyleClass().add("node-name");
        name.setMinWidth(40);
        state.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox nameRow = new HBox(6, name, spacer, state);
        nameRow.getStyleClass().add("node-name-row");
        address.getStyleClass().add("node-address");
        privateAddress.getStyleClass().add("node-address");
        privateAddress.managedProperty().bind(privateAddress.textProperty().isNotEmpty());

        statusDot.getStyleClass().add("status-dot");
        statusWord.getStyleClass().add("node-status");
        Region statusSpacer = new Region();
        HBox.setHgrow(statusSpacer, Priority.ALWAYS);
        HBox statusRow = new HBox(6, statusDot, statusWord, statusSpacer, new ResourceBars(status), sparklineFactory.apply(status));
        statusRow.getStyleClass().add("node-status-row");

        getChildren().addAll(header, nameRow, address, privateAddress, statusRow);
        Tooltip.install(this, tooltip);

        status.wordProperty().addListener((o, was, now) -> showStatus());
        status.styleClassProperty().addListener((o, was, now) -> showStatus());
        status.detailProperty().addListener((o, was, now) -> showTooltip());
        update(server, false);
        showStatus();
    }

    /** Shows {@code next} (same card, new values), e.g. after an edit in the inspector. */
    public void update(Server next, boolean drained) {
        if (next.equals(server) && drained == this.drained) {
            return; // an edit elsewhere in the cluster: nothing here changes, so no CSS pass either
        }
        server = next;
        this.drained = drained;
        setId("node-" + next.name());
        role.setText(roleWord(next.role()));
        name.setText(next.name());
        String priv = next.privateAddress();
        address.setText(next.publicAddress() == null || next.publicAddress().isEmpty()
                ? "address pending" : "public  " + next.publicAddress());
        release.setText(next.release() == null ? "" : next.release());
        release.setId("node-" + next.name() + "-release");
        privateAddress.setText(priv == null || priv.isBlank() || priv.equals(next.publicAddress()) ? "" : "private " + priv);
        String word = drained ? "drained" : next.state().word();
        state.setText(word.toUpperCase(Locale.ROOT));
        swapStyleClass(stateClass, "state-" + word);
        stateClass = "state-" + word;
        pseudoClassStateChanged(DRAINED, drained);
        showTooltip();
    }

    private void describeForScreenReaders() {
        setAccessibleText(server.role().label() + " " + server.name() + ", " + server.publicAddress()
                + ", state " + state.getText().toLowerCase(Locale.ROOT) + ", health " + status.wordProperty().get());
    }

    public Server server() {
        return server;
    }

    public String releaseText() {
        return release.getText();
    }

    public String stateWord() {
        return state.getText();
    }

    public String statusWord() {
        return statusWord.getText();
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    private void showStatus() {
        statusWord.setText(status.wordProperty().get());
        swapStyleClass(statusClass, status.styleClassProperty().get());
        statusClass = status.styleClassProperty().get();
        showTooltip();
    }

    private void showTooltip() {
        describeForScreenReaders();
        tooltip.setText(server.role().label() + " " + server.name()
                + "\npublic " + server.publicAddress()
                + (server.privateAddress() != null && !server.privateAddress().isBlank() ? ", private " + server.privateAddress() : "")
                + "\nstate: " + state.getText().toLowerCase(Locale.ROOT)
                + "\nhealth: " + status.wordProperty().get() + " — " + status.detailProperty().get());
    }

    private void swapStyleClass(String old, String now) {
        if (!now.equals(old)) {
            if (old != null) {
                getStyleClass().remove(old);
            }
            getStyleClass().add(now);
        }
    }

    private static String roleWord(Role r) {
        return switch (r) {
            case BALANCER -> "LOAD BALANCER";
            case APP -> "APP SERVER";
            case DATABASE -> "DATABASE";
        };
    }
}
