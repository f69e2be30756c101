package dev.orrery.ui.live;

import dev.orrery.engine.state.Tone;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Notifications inside the window: small cards stacked in a corner of the main area, away from
 * its controls (the tabs' strip above, the zoom bar and legend below) and from the window's edge.
 * One card per kind ({@code key}): news of the same kind updates the card that shows rather than
 * piling up another. Each card goes by itself after a while (bad news stays longer) or with ×.
 * Only the cards take clicks; the empty area lets them through.
 */
public final class NoticeArea extends VBox {
    /** One notice as shown. */
    public record Notice(String key, String title, String text, Tone tone) {
    }

    private Duration shortLife = Duration.seconds(7);
    private Duration longLife = Duration.seconds(14);
    private static final int MAX_CARDS = 4;

    private final Map<String, Card> cards = new LinkedHashMap<>();
    private final List<Notice> history = new ArrayList<>();
    private Consumer<String> onDismissed = key -> { };

    public NoticeArea() {
        super(8);
        setId("notices");
        getStyleClass().add("notice-area");
        setPickOnBounds(false);
        setFillWidth(true);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setPrefWidth(340);
        setAlignment(Pos.TOP_RIGHT);
    }

    /** How long a card stays: news, and bad news (tests shorten them). */
    public void setLifetimes(Duration news, Duration badNews) {
        shortLife = news;
        longLife = badNews;
    }

    /** Told the key of a card that went (by itself or by ×). */
    public void setOnDismissed(Consumer<String> handler) {
        onDismissed = handler;
    }

    /** Shows (or updates) the card for {@code key}. FX thread. */
    public void show(String key, String title, String text, Tone tone) {
        Notice n = new Notice(key, title, text, tone);
        history.add(n);
        if (history.size() > 200) {
            history.remove(0);
        }
        Card c = cards.get(key);
        if (c == null) {
            c = new Card(key);
            cards.put(key, c);
            getChildren().add(c);
            while (cards.size() > MAX_CARDS) {
                dismiss(cards.keySet().iterator().next());
            }
        }
        c.show(n);
    }

    /** Removes the card for {@code key}, if shown. */
    public void dismiss(String key) {
        Card c = cards.remove(key);
        if (c != null) {
            c.timer.stop();
            getChildren().remove(c);
            onDismissed.accept(key);
        }
    }

    /** Removes every card (another cluster was opened: its news is not this one's). */
    public void clear() {
        new ArrayList<>(cards.keySet()).forEach(this::dismiss);
    }

    /** The cards shown now, top first. */
    public List<Notice> shown() {
        return cards.values().stream().map(c -> c.notice).toList();
    }

    /** Every notice shown since the window opened (the last 200), oldest first: for tests and the log. */
    public List<Notice> history() {
        return List.copyOf(history);
    }

    private final class Card extends BorderPane {
        private final Label title = new Label();
        private final Label text = new Label();
        private final PauseTransition timer = new PauseTransition();
        private Notice notice;

        Card(String key) {
            setId("notice-" + key);
            getStyleClass().add("notice");
            title.getStyleClass().add("notice-title");
            text.getStyleClass().add("notice-text");
            text.setWrapText(true);
            Button close = new Button("×");
            close.getStyleClass().add("notice-close");
            close.setOnAction(e -> dismiss(key));
            setTop(new BorderPane(title, null, close, null, null));
            setCenter(text);
            BorderPane.setMargin(text, new Insets(2, 0, 0, 0));
            setMaxWidth(340);
            timer.setOnFinished(e -> dismiss(key));
        }

        void show(Notice n) {
            notice = n;
            title.setText(n.title());
            text.setText(n.text());
            text.setVisible(n.text() != null && !n.text().isEmpty());
            text.setManaged(text.isVisible());
            ToneStyle.apply(this, n.tone());
            timer.stop();
            timer.setDuration(n.tone() == Tone.BAD ? longLife : shortLife);
            timer.playFromStart();
        }
    }
}
