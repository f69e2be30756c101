package dev.orrery.ui.topology;

import dev.orrery.ui.topology.TopologyLayout.Line;
import dev.orrery.ui.topology.TopologyLayout.Point;
import dev.orrery.ui.topology.TopologyLayout.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.IntStream;

import static dev.orrery.ui.topology.TopologyLayout.NODE_HEIGHT;
import static dev.orrery.ui.topology.TopologyLayout.NODE_WIDTH;
import static org.assertj.core.api.Assertions.assertThat;

class TopologyLayoutTest {

    private static List<String> apps(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "app-" + i).toList();
    }

    @Test
    void theSeedClusterIsOneRowBetweenBalancerAndDatabase() {
        Result r = TopologyLayout.compute(List.of("lb-1"), apps(3), List.of("db-1"), 800);

        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.columns()).isEqualTo(3);
        double lbY = r.nodes().get("lb-1").y();
        double appY = r.nodes().get("app-1").y();
        double dbY = r.nodes().get("db-1").y();
        assertThat(lbY).isLessThan(appY);
        assertThat(dbY).isGreaterThan(appY);
        assertThat(r.nodes().get("app-2").y()).isEqualTo(appY);
        // balancer and database centred over the row
        double rowCenter = (r.nodes().get("app-1").x() + r.nodes().get("app-3").x() + NODE_WIDTH) / 2;
        assertThat(r.nodes().get("lb-1").x() + NODE_WIDTH / 2).isEqualTo(rowCenter);
        assertThat(r.nodes().get("db-1").x() + NODE_WIDTH / 2).isEqualTo(rowCenter);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 30, 100})
    void everyNodeFitsNoNodesOverlapAndNoLineCrossesANode(int appCount) {
        Result r = TopologyLayout.compute(List.of("lb-1"), apps(appCount), List.of("db-1", "db-2"), 1000);

        assertThat(r.nodes()).hasSize(appCount + 3);
        List<Point> corners = List.copyOf(r.nodes().values());
        for (int i = 0; i < corners.size(); i++) {
            Point a = corners.get(i);
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.y()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + NODE_WIDTH).isLessThanOrEqualTo(r.width());
            assertThat(a.y() + NODE_HEIGHT).isLessThanOrEqualTo(r.height());
            for (int j = i + 1; j < corners.size(); j++) {
                Point b = corners.get(j);
                boolean apart = a.x() + NODE_WIDTH <= b.x() || b.x() + NODE_WIDTH <= a.x()
                        || a.y() + NODE_HEIGHT <= b.y() || b.y() + NODE_HEIGHT <= a.y();
                assertThat(apart).as("nodes %s and %s overlap", a, b).isTrue();
            }
        }
        for (Line line : r.lines()) {
            assertThat(line.x1() == line.x2() || line.y1() == line.y2()).as("lines run straight: %s", line).isTrue();
            for (Point p : corners) {
                assertThat(crossesInterior(line, p)).as("%s crosses the node at %s", line, p).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 30})
    void twoFailoverBalancersStandSideBySideOnTheTopRow(int appCount) {
        Result r = TopologyLayout.compute(List.of("lb-1", "lb-2"), apps(appCount), List.of("db-1"), 1000);
        Point a = r.nodes().get("lb-1");
        Point b = r.nodes().get("lb-2");
        assertThat(a.y()).isEqualTo(b.y());
        assertThat(Math.abs(a.x() - b.x())).isGreaterThanOrEqualTo(NODE_WIDTH);
        for (String app : apps(appCount)) {
            assertThat(r.nodes().get(app).y()).isGreaterThan(a.y() + NODE_HEIGHT);
        }
        for (Line line : r.lines()) {
            assertThat(crossesInterior(line, b)).as("%s crosses the standby balancer", line).isFalse();
        }
    }

    @Test
    void manyAppServersWrapIntoRowsThatFitTheWidth() {
        Result r = TopologyLayout.compute(List.of("lb-1"), apps(100), List.of("db-1"), 1000);

        assertThat(r.rows()).isGreaterThan(1);
        assertThat(r.columns() * r.rows()).isGreaterThanOrEqualTo(100);
        assertThat(r.width()).isLessThanOrEqualTo(1000);
        // every app server is reached by a balancer line from above and a database line from below
        for (String app : apps(100)) {
            Point p = r.nodes().get(app);
            double cx = p.x() + NODE_WIDTH / 2;
            assertThat(r.lines()).anyMatch(l -> l.traffic() == TopologyLayout.Traffic.FRONT && l.x1() == cx && l.y2() == p.y());
            assertThat(r.lines()).anyMatch(l -> l.traffic() == TopologyLayout.Traffic.BACK && l.x1() == cx && l.y1() == p.y() + NODE_HEIGHT);
        }
    }

    @Test
    void anEmptyClusterOrOneWithoutBalancerDrawsNoDanglingLines() {
        assertThat(TopologyLayout.compute(List.of(), List.of(), List.of(), 800).lines()).isEmpty();
        Result noLb = TopologyLayout.compute(List.of(), apps(2), List.of(), 800);
        assertThat(noLb.lines()).isEmpty();
        assertThat(noLb.nodes()).hasSize(2);
    }

    /** True when the segment passes through the inside of the node (touching its edge is fine). */
    private static boolean crossesInterior(Line l, Point p) {
        double left = p.x() + 1;
        double right = p.x() + NODE_WIDTH - 1;
        double top = p.y() + 1;
        double bottom = p.y() + NODE_HEIGHT - 1;
        double minX = Math.min(l.x1(), l.x2());
        double maxX = Math.max(l.x1(), l.x2());
        double minY = Math.min(l.y1(), l.y2());
        double maxY = Math.max(l.y1(), l.y2());
        return maxX > left && minX < right && maxY > top && minY < bottom;
    }

    @Test
    void aDropPointMapsToTheSlotUnderIt() {
        Result r = TopologyLayout.compute(List.of("lb-1"), apps(7), List.of("db-1"), 800);
        assertThat(r.rows()).isGreaterThan(1);
        Point a1 = r.nodes().get("app-1");
        Point a2 = r.nodes().get("app-2");
        double rowMiddle = a1.y() + NODE_HEIGHT / 2;
        // left of the first node, between the first two, right of the row's last
        assertThat(TopologyLayout.insertionIndex(r, apps(7), a1.x() - 5, rowMiddle)).isZero();
        assertThat(TopologyLayout.insertionIndex(r, apps(7), (a1.x() + NODE_WIDTH + a2.x()) / 2, rowMiddle)).isEqualTo(1);
        int columns = r.columns();
        Point lastOfRow = r.nodes().get("app-" + columns);
        assertThat(TopologyLayout.insertionIndex(r, apps(7), lastOfRow.x() + NODE_WIDTH + 5, rowMiddle)).isEqualTo(columns);
        // on the second row's first node, right of its centre: after it
        Point second = r.nodes().get("app-" + (columns + 1));
        assertThat(TopologyLayout.insertionIndex(r, apps(7), second.x() + NODE_WIDTH * 0.75, second.y() + 10)).isEqualTo(columns + 1);
        // far below everything: the nearest row is the last one
        assertThat(TopologyLayout.insertionIndex(r, apps(7), 1e6, 1e6)).isEqualTo(7);
        // a role with no servers yet takes the first place
        assertThat(TopologyLayout.insertionIndex(r, List.of(), 10, 10)).isZero();
    }
}
