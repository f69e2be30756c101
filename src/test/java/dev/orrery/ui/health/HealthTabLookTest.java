package dev.orrery.ui.health;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.Tone;
import dev.orrery.health.DirectRoute;
import dev.orrery.health.HealthMonitor;
import dev.orrery.health.ManualProbeClock;
import dev.orrery.health.ProbeResult;
import dev.orrery.health.ScriptedProber;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.ui.look.ToneColors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Health tab as people read it, headless: whole headers at the window's usual width,
 * numbers from 1, status word and colour from ServerLook, a chart whose scale fits 5 ms data
 * with a time axis and its legend beside the plot, a timeline with legend and time labels, and
 * the balancer columns for a stock nginx (the sandbox's) saying what they can.
 */
@ExtendWith(ApplicationExtension.class)
class HealthTabLookTest {
    private final ManualProbeClock clock = new ManualProbeClock(1_700_000_000_000L);
    private final ScriptedProber prober = new ScriptedProber();
    private HealthMonitor monitor;
    private HealthView view;

    @Start
    void start(Stage stage) {
        monitor = new HealthMonitor(HealthCheck.DEFAULT, 3000, new DirectRoute(), prober, clock, Runnable::run);
        monitor.setServers(List.of(Server.of("app-1", Role.APP, "10.0.1.1"), Server.of("app-2", Role.APP, "10.0.1.2")));
        view = new HealthView(monitor);
        view.resync(monitor.snapshot());
        // The width the Health tab has in the 1320-pixel window (palette and inspector beside it).
        stage.setScene(new Scene(view, 790, 700));
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> fx(condition));
    }

    /** Probes every interval for {@code seconds}, app-1 answering with latencies around 5 ms. */
    private void run(int seconds) {
        for (int t = 0; t < seconds * 1000; t += HealthCheck.DEFAULT.intervalMs()) {
            prober.answer("10.0.1.1:3000", ProbeResult.ok(4.6 + (t / 750 % 5) * 0.2, 200));
            prober.answer("10.0.1.2:3000", ProbeResult.ok(5.0 + (t / 750 % 3) * 0.25, 200));
            clock.advance(HealthCheck.DEFAULT.intervalMs());
        }
    }

    @Test
    void everyHeaderShowsItsWholeTitle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, String> shown = fx(() -> {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (Node header : view.table().lookupAll(".column-header")) {
                if (!(header instanceof javafx.scene.control.skin.TableColumnHeader)
                        || header instanceof javafx.scene.control.skin.NestedTableColumnHeader) {
                    continue;
                }
                Labeled label = ((javafx.scene.Parent) header).getChildrenUnmodifiable().stream()
                        .filter(n -> n instanceof Labeled).map(n -> (Labeled) n).findFirst().orElse(null);
                if (label == null) {
                    continue; // the invisible header TableView keeps for dragging columns
                }
                Text text = (Text) label.lookup(".text");
                m.put(label.getText(), text.getText());
            }
            return m;
        });
        assertThat(shown).hasSize(view.table().getColumns().size());
        shown.forEach((title, drawn) -> assertThat(drawn).as("header " + title).isEqualTo(title));
    }

    @Test
    void rowsAreNumberedFromOne() throws Exception {
        waitFor(() -> cell(0, 0) != null && cell(0, 0).getText() != null);
        assertThat(fx(() -> cell(0, 0).getText())).isEqualTo("1");
        assertThat(fx(() -> cell(1, 0).getText())).isEqualTo("2");
    }

    @Test
    void theStatusIsTheLooksWordInItsTonesColour() throws Exception {
        monitor.start();
        prober.healthy("10.0.1.1:3000");
        prober.refused("10.0.1.2:3000");
        clock.advance(3000);
        waitFor(() -> statusShows(1, "down", Tone.BAD));
        assertThat(fx(() -> statusShows(0, "up", Tone.GOOD))).isTrue();

        // With the window's live state as the source, a planned stop shows as planned, not down.
        Look planned = new Look("DEPLOYING", "deploying · stopping", Tone.PLANNED, false, "stopped on purpose");
        fx(() -> {
            view.showLook("app-2", planned);
            return null;
        });
        waitFor(() -> statusShows(1, "deploying · stopping", Tone.PLANNED));
        assertThat(fx(() -> statusShows(0, "up", Tone.GOOD))).isTrue();
    }

    @Test
    void fiveMillisecondDataFillsTheChartWhichHasATimeAxisAndALegendBesideIt() throws Exception {
        monitor.start();
        run(240); // four of the chart's five minutes
        // Charts redraw at most every 250 ms; a few more probes make sure the last batch is drawn.
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> {
            if (fx(() -> view.model().pointCount("app-1") > 100 && view.chart().pointsDrawn() > 100)) {
                return true;
            }
            run(1);
            return false;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // Not flat: the 4.6–5.4 ms line spans a good part of the plot's height. A loaded machine may
        // show a canvas between redraws: a few more probes bring the next one.
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> {
                if (fx(() -> lineSpread(view.chart(), Color.web("#1f77b4"))) > 0.25) {
                    return true;
                }
                run(1);
                return false;
            });
        } catch (java.util.concurrent.TimeoutException stillFlat) {
            // the assertion below says what was seen
        }
        double spread = fx(() -> lineSpread(view.chart(), Color.web("#1f77b4")));
        assertThat(spread).as("share of the canvas height the app-1 line spans").isGreaterThan(0.25);

        List<String> times = fx(() -> view.chart().timeLabels());
        assertThat(times).hasSizeGreaterThanOrEqualTo(3);
        times.forEach(t -> LocalTime.parse(t.length() == 5 ? t + ":00" : t));

        Node legend = fx(() -> view.chart().legend());
        List<String> entries = fx(() -> view.chart().legend().getChildren().stream().map(n -> ((Label) n).getText()).toList());
        assertThat(entries).containsExactly("app-1", "app-2");
        Bounds legendBounds = fx(() -> legend.localToScene(legend.getBoundsInLocal()));
        Canvas canvas = fx(() -> canvasOf(view.chart()));
        Bounds plot = fx(() -> canvas.localToScene(canvas.getBoundsInLocal()));
        assertThat(legendBounds.getMinX()).as("the legend is beside the plot, not on it: " + legendBounds + " vs " + plot)
                .isGreaterThanOrEqualTo(plot.getMaxX());
        assertThat(legend.isVisible()).isTrue();
    }

    @Test
    void theTimelineHasALegendAndTimeLabels() throws Exception {
        monitor.start();
        prober.healthy("10.0.1.1:3000");
        prober.refused("10.0.1.2:3000");
        clock.advance(60_000);
        waitFor(() -> !view.timeline().timeLabels().isEmpty());
        List<String> legend = fx(() -> view.timeline().legend().getChildren().stream()
                .filter(n -> ((Label) n).getGraphic() != null).map(n -> ((Label) n).getText()).toList());
        assertThat(legend).containsExactly("up", "down", "checking");
        assertThat(fx(() -> view.timeline().timeLabels())).allSatisfy(t -> LocalTime.parse(t.length() == 5 ? t + ":00" : t));
    }

    @Test
    void aStockNginxShowsTheRenderedUpstreamAndSaysWhyNeverADash() throws Exception {
        Cluster sandboxLike = new Cluster("sandbox", new AppSpec("sandbox", 3000, Map.of(), List.of()),
                Balancer.defaults().withDrained("app-2", true), List.of(
                Server.of("lb-1", Role.BALANCER, "127.0.0.1"),
                Server.of("app-1", Role.APP, "10.0.1.1"), Server.of("app-2", Role.APP, "10.0.1.2")));
        fx(() -> {
            view.showConfigured(sandboxLike);
            return null;
        });
        monitor.start();
        prober.healthy("10.0.1.1:3000");
        prober.healthy("10.0.1.2:3000");
        clock.advance(3000);
        waitFor(() -> "in rotation".equals(row("app-1").balancerStatus()));
        assertThat(fx(() -> row("app-1").balancerCounters())).isEqualTo("passive only");
        assertThat(fx(() -> row("app-2").balancerStatus())).isEqualTo("drained (down)");
        assertThat(fx(() -> row("app-2").look().word())).as("drained on purpose").startsWith("drained");
        assertThat(fx(() -> row("app-2").look().tone())).isEqualTo(Tone.PLANNED);
        String line = fx(() -> ((Label) view.lookupAll(".label").stream()
                .filter(n -> ((Label) n).getText() != null && ((Label) n).getText().startsWith("Balancer's own view"))
                .findFirst().orElseThrow()).getText());
        assertThat(line).contains("stock nginx has no check-status page");
        List<String> texts = fx(() -> view.table().lookupAll(".table-cell").stream()
                .map(n -> ((TableCell<?, ?>) n).getText()).filter(t -> t != null).toList());
        assertThat(texts).isNotEmpty().doesNotContain("-");
    }

    private HealthRow row(String name) {
        return view.model().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private TableCell<?, ?> cell(int row, int column) {
        TableColumn<HealthRow, ?> col = view.table().getColumns().get(column);
        for (Node n : view.table().lookupAll(".table-cell")) {
            TableCell<?, ?> c = (TableCell<?, ?>) n;
            if (c.getTableColumn() == col && c.getIndex() == row && !c.isEmpty()) {
                return c;
            }
        }
        return null;
    }

    private boolean statusShows(int row, String word, Tone tone) {
        TableCell<?, ?> c = cell(row, 2);
        return c != null && word.equals(c.getText()) && c.getStyleClass().contains(tone.cssClass())
                && ToneColors.text(tone).equals(c.getTextFill());
    }

    private static Canvas canvasOf(Node chart) {
        return (Canvas) chart.lookupAll("*").stream().filter(n -> n instanceof Canvas).findFirst().orElseThrow();
    }

    /**
     * The share of the canvas's height between the highest and lowest pixel of this colour,
     * over the plot's middle (no text of any kind, only the line, is counted).
     */
    private static double lineSpread(LatencyChart chart, Color color) {
        Canvas canvas = canvasOf(chart);
        WritableImage image = canvas.snapshot(null, null);
        PixelReader px = image.getPixelReader();
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = (int) image.getWidth() / 4; x < (int) image.getWidth() * 3 / 4; x++) {
                Color c = px.getColor(x, y);
                if (c.getOpacity() > 0.5 && Math.abs(c.getRed() - color.getRed()) < 0.12
                        && Math.abs(c.getGreen() - color.getGreen()) < 0.12 && Math.abs(c.getBlue() - color.getBlue()) < 0.12) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return bottom < 0 ? 0 : (bottom - top) / image.getHeight();
    }
}
