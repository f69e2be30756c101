package dev.orrery.ui.form;

import dev.orrery.model.Problem;
import dev.orrery.model.Server;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields of a server — name, addresses, SSH — with each field's problem shown right under
 * it as the user types. Both the add dialog and the inspector use it, so both refuse the same
 * things for the same reasons. The rules come from the model ({@link ServerCheck}); this class
 * only turns text into a {@link Server} and shows what comes back.
 */
public final class ServerForm {

    /** Field key (as in the model and the JSON file) → label. */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("name", "Name");
        FIELDS.put("publicAddress", "Public address");
        FIELDS.put("privateAddress", "Private address");
        FIELDS.put("sshUser", "SSH user");
        FIELDS.put("sshPort", "SSH port");
        FIELDS.put("sshKey", "SSH key");
    }

    private final GridPane grid = new GridPane();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Label> errors = new LinkedHashMap<>();
    private final Map<String, Label> fieldLabels = new LinkedHashMap<>();
    private final Label general = new Label();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed", false);
    private Function<Server, List<Problem>> checker = s -> List.of();
    private Server base;
    private boolean filling;

    /** @param idPrefix prefix for node ids ({@code dialog}, {@code inspector}) so tests and CSS can tell the forms apart */
    public ServerForm(String idPrefix) {
        grid.getStyleClass().add("server-form");
        grid.setHgap(10);
        grid.setVgap(2);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(104);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setMinWidth(140);
        grid.getColumnConstraints().addAll(labels, inputs);
        int row = 0;
        for (Map.Entry<String, String> f : FIELDS.entrySet()) {
            TextField field = new TextField();
            field.setId(idPrefix + "-" + f.getKey());
            field.setPromptText(prompt(f.getKey()));
            field.textProperty().addListener((obs, was, now) -> revalidate());
            Label label = new Label(f.getValue());
            label.setLabelFor(field);
            label.getStyleClass().add("form-label");
            Label error = new Label();
            error.setId(idPrefix + "-error-" + f.getKey());
            error.getStyleClass().add("field-error");
            error.setWrapText(true);
            error.managedProperty().bind(error.textProperty().isNotEmpty());
            error.visibleProperty().bind(error.managedProperty());
            grid.add(label, 0, row);
            grid.add(field, 1, row++);
            grid.add(error, 1, row++);
            fields.put(f.getKey(), field);
            errors.put(f.getKey(), error);
            fieldLabels.put(f.getKey(), label);
        }
        general.setId(idPrefix + "-error");
        general.getStyleClass().add("field-error");
        general.setWrapText(true);
        general.managedProperty().bind(general.textProperty().isNotEmpty());
        general.visibleProperty().bind(general.managedProperty());
        grid.add(general, 0, row, 2, 1);
    }

    public Node node() {
        return grid;
    }

    /** How candidates are checked: {@link ServerCheck#forNew} or {@link ServerCheck#forEdit} bound to a cluster. */
    public void setChecker(Function<Server, List<Problem>> checker) {
        this.checker = checker;
        revalidate();
    }

    /** Shows {@code server}; the form's candidate keeps its role, provider and state. */
    public void setServer(Server server) {
        base = server;
        filling = true;
        try {
            text("name", server.name());
            text("publicAddress", server.publicAddress());
            text("privateAddress", server.privateAddress());
            text("sshUser", server.sshUser());
            text("sshPort", String.valueOf(server.sshPort()));
            text("sshKey", server.sshKey());
        } finally {
            filling = false;
        }
        revalidate();
    }

    public TextField field(String key) {
        return fields.get(key);
    }

    public String error(String key) {
        return errors.get(key).getText();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** True when the fields say something other than the server last shown. */
    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    /** The server the fields describe, if every rule passes. */
    public Optional<Server> candidate() {
        return base != null && valid.get() ? Optional.of(build()) : Optional.empty();
    }

    public void setDisable(boolean disable) {
        grid.setDisable(disable);
    }

    /**
     * Shows or hides the SSH fields: a server that is a process on this machine (the sandbox)
     * has none, so the form does not pretend it has.
     */
    public void setSshShown(boolean shown) {
        for (String key : List.of("sshUser", "sshPort", "sshKey")) {
            for (javafx.scene.Node n : List.of(fields.get(key), fieldLabels.get(key))) {
                n.setVisible(shown);
                n.setManaged(shown);
            }
            if (!shown) {
                errors.get(key).managedProperty().unbind();
                errors.get(key).visibleProperty().unbind();
                errors.get(key).setManaged(false);
                errors.get(key).setVisible(false);
            } else if (!errors.get(key).managedProperty().isBound()) {
                errors.get(key).managedProperty().bind(errors.get(key).textProperty().isNotEmpty());
                errors.get(key).visibleProperty().bind(errors.get(key).managedProperty());
            }
        }
    }

    private void revalidate() {
        if (filling || base == null) {
            return;
        }
        Server candidate = build();
        List<Problem> problems = checker.apply(candidate);
        Integer port = port();
        errors.values().forEach(l -> l.setText(""));
        general.setText("");
        for (Problem p : problems) {
            String message = p.field().equals("sshPort") && port == null
                    ? "must be a number between 1 and 65535 (got \"" + fields.get("sshPort").getText() + "\")"
                    : p.message();
            Label target = errors.get(p.field());
            if (target != null) {
                target.setText(target.getText().isEmpty() ? FIELDS.get(p.field()) + " " + message : target.getText());
            } else {
                general.setText(p.message());
            }
        }
        valid.set(problems.isEmpty());
        changed.set(!Objects.equals(candidate, base));
    }

    private Server build() {
        Integer port = port();
        return base.withName(fields.get("name").getText())
                .withAddresses(fields.get("publicAddress").getText(), blankToNull(fields.get("privateAddress").getText()))
                .withSsh(fields.get("sshUser").getText(), port == null ? 0 : port, blankToNull(fields.get("sshKey").getText()));
    }

    private Integer port() {
        String text = fields.get("sshPort").getText();
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void text(String key, String value) {
        fields.get(key).setText(value == null ? "" : value);
    }

    private static String blankToNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    private static String prompt(String key) {
        return switch (key) {
            case "name" -> "app-4";
            case "publicAddress" -> "203.0.113.10 or host name";
            case "privateAddress" -> "10.0.1.14 (optional)";
            case "sshUser" -> "root";
            case "sshPort" -> "22";
            case "sshKey" -> "agent, or ~/.ssh/id_ed25519";
            default -> "";
        };
    }
}
