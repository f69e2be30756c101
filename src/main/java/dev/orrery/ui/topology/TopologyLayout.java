package dev.orrery.ui.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node and traffic line goes, as plain numbers (no JavaFX, so it is tested directly).
 * The shape is the seed's diagram: the balancer on top, the app servers in rows below it, the
 * databases at the bottom. App servers wrap into as many columns as fit the width. Lines run
 * on buses between the rows: a trunk on the left carries balancer→app traffic down to every
 * row, a trunk on the right carries app→database traffic down to the databases, so no line
 * ever crosses a node however many rows there are.
 */
public final class TopologyLayout {

    public static final double NODE_WIDTH = 200;
    public static final double NODE_HEIGHT = 128;
    public static final double H_GAP = 20;
    public static final double ROW_GAP = 64;
    public static final double TIER_GAP = 84;
    public static final double MARGIN = 24;
    private static final double BUS = 22;
    private static final double TRUNK_ROOM = 28;
    /** Keeps a view-filling diagram a few pixels inside the viewport so no scroll bar appears for nothing. */
    private static final double SLACK = 6;

    /** Which traffic a line carries: clients through the balancer to apps, or apps to the database. */
    public enum Traffic { FRONT, BACK }

    public record Point(double x, double y) {
    }

    public record Line(double x1, double y1, double x2, double y2, Traffic traffic) {
    }

    /** @param nodes top-left corner of each node, by server name */
    public record Result(Map<String, Point> nodes, List<Line> lines, double width, double height, int columns, int rows) {
    }

    private TopologyLayout() {
    }

    /** @param availableWidth the width to fit the app rows into, in unscaled pixels */
    public static Result compute(List<String> balancers, List<String> apps, List<String> databases, double availableWidth) {
        double usable = availableWidth - 2 * MARGIN;
        int columns;
        if (apps.isEmpty() || rowWidth(apps.size()) <= usable) {
            columns = Math.max(1, apps.size());
        } else {
            // Several rows need room on each side for the trunks.
            columns = (int) Math.max(1, Math.floor((usable - 2 * TRUNK_ROOM + H_GAP) / (NODE_WIDTH + H_GAP)));
        }
        int rows = apps.isEmpty() ? 0 : (apps.size() + columns - 1) / columns;
        double gridWidth = rowWidth(columns);
        double side = rows > 1 ? TRUNK_ROOM : 0;
        double tierWidth = Math.max(gridWidth, Math.max(rowWidth(balancers.size()), rowWidth(databases.size())));
        // A small cluster sits in the middle of the view rather than against its left edge.
        double contentWidth = Math.max(tierWidth + 2 * side, usable - SLACK);
        double center = MARGIN + contentWidth / 2;
        double gridLeft = center - gridWidth / 2;

        Map<String, Point> nodes = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        double y = MARGIN;
        placeRow(nodes, balancers, center, y);
        double appTop = balancers.isEmpty() ? MARGIN : MARGIN + NODE_HEIGHT + TIER_GAP;
        for (int i = 0; i < apps.size(); i++) {
            int r = i / columns;
            int c = i % columns;
            nodes.put(apps.get(i), new Point(gridLeft + c * (NODE_WIDTH + H_GAP), rowTop(appTop, r)));
        }
        double appBottom = rows == 0 ? appTop - TIER_GAP : rowTop(appTop, rows - 1) + NODE_HEIGHT;
        double dbTop = rows == 0 ? appTop : appBottom + TIER_GAP;
        placeRow(nodes, databases, center, dbTop);
        double height = (databases.isEmpty() ? Math.max(appBottom, balancers.isEmpty() ? MARGIN : MARGIN + NODE_HEIGHT) : dbTop + NODE_HEIGHT) + MARGIN;

        if (rows > 0 && !balancers.isEmpty()) {
            frontLines(lines, nodes.get(balancers.get(0)), apps.size(), columns, rows, appTop, gridLeft);
        }
        if (rows > 0 && !databases.isEmpty()) {
            List<Double> dbCenters = databases.stream().map(d -> nodes.get(d).x() + NODE_WIDTH / 2).toList();
            backLines(lines, dbCenters, apps.size(), columns, rows, appTop, gridLeft, gridLeft + gridWidth + BUS, dbTop);
        }
        return new Result(nodes, lines, contentWidth + 2 * MARGIN, height, columns, rows);
    }

    /**
     * Where a server of a tier dropped at ({@code x}, {@code y}) goes among {@code names} (that
     * tier's servers, in order): before the first node of the row nearest the drop whose centre
     * lies right of it, else after that row's last node. Rows are filled in list order, so
     * inserting there puts the new node in the slot where it was dropped, the others moving on by one.
     */
    public static int insertionIndex(Result r, List<String> names, double x, double y) {
        List<Point> points = names.stream().map(r.nodes()::get).toList();
        if (points.isEmpty() || points.contains(null)) {
            return names.size();
        }
        // The row whose vertical middle is nearest the drop.
        double rowY = points.get(0).y();
        double best = Double.MAX_VALUE;
        for (Point p : points) {
            double d = Math.abs(p.y() + NODE_HEIGHT / 2 - y);
            if (d < best) {
                best = d;
                rowY = p.y();
            }
        }
        int lastInRow = -1;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.y() != rowY) {
                continue;
            }
            if (p.x() + NODE_WIDTH / 2 > x) {
                return i;
            }
            lastInRow = i;
        }
        return lastInRow + 1;
    }

    private static void frontLines(List<Line> out, Point balancer, int apps, int columns, int rows,
                                   double appTop, double gridLeft) {
        double trunkX = gridLeft - BUS;
        double lbX = balancer.x() + NODE_WIDTH / 2;
        double firstBus = rowTop(appTop, 0) - BUS;
        out.add(new Line(lbX, balancer.y() + NODE_HEIGHT, lbX, firstBus, Traffic.FRONT));
        for (int r = 0; r < rows; r++) {
            double top = rowTop(appTop, r);
            double bus = top - BUS;
            double first = centerX(gridLeft, 0);
            double last = centerX(gridLeft, lastColumn(apps, columns, r));
            double from = rows > 1 ? trunkX : Math.min(first, lbX);
            double to = r == 0 ? Math.max(last, lbX) : last;
            out.add(new Line(from, bus, to, bus, Traffic.FRONT));
            for (int c = 0; c <= lastColumn(apps, columns, r); c++) {
                double x = centerX(gridLeft, c);
                out.add(new Line(x, bus, x, top, Traffic.FRONT));
            }
        }
        if (rows > 1) {
            out.add(new Line(trunkX, firstBus, trunkX, rowTop(appTop, rows - 1) - BUS, Traffic.FRONT));
        }
    }

    private static void backLines(List<Line> out, List<Double> dbCenters, int apps, int columns, int rows,
                                  double appTop, double gridLeft, double trunkX, double dbTop) {
        double dbMin = dbCenters.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double dbMax = dbCenters.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double firstBus = rowTop(appTop, 0) + NODE_HEIGHT + BUS;
        for (int r = 0; r < rows; r++) {
            double bottom = rowTop(appTop, r) + NODE_HEIGHT;
            double bus = bottom + BUS;
            double first = centerX(gridLeft, 0);
            double last = centerX(gridLeft, lastColumn(apps, columns, r));
            if (rows > 1) {
                out.add(new Line(first, bus, trunkX, bus, Traffic.BACK));
            } else {
                out.add(new Line(Math.min(first, dbMin), bus, Math.max(last, dbMax), bus, Traffic.BACK));
            }
            for (int c = 0; c <= lastColumn(apps, columns, r); c++) {
                double x = centerX(gridLeft, c);
                out.add(new Line(x, bottom, x, bus, Traffic.BACK));
            }
        }
        double dbBus = rows > 1 ? dbTop - BUS : firstBus;
        if (rows > 1) {
            out.add(new Line(trunkX, firstBus, trunkX, dbBus, Traffic.BACK));
            out.add(new Line(Math.min(dbMin, trunkX), dbBus, Math.max(dbMax, trunkX), dbBus, Traffic.BACK));
        }
        for (double x : dbCenters) {
            out.add(new Line(x, dbBus, x, dbTop, Traffic.BACK));
        }
    }

    private static void placeRow(Map<String, Point> nodes, List<String> names, double center, double y) {
        double left = center - rowWidth(names.size()) / 2;
        for (int i = 0; i < names.size(); i++) {
            nodes.put(names.get(i), new Point(left + i * (NODE_WIDTH + H_GAP), y));
        }
    }

    /** Rows share one grid, so column {@code c} has the same x in every row. */
    private static double centerX(double gridLeft, int column) {
        return gridLeft + column * (NODE_WIDTH + H_GAP) + NODE_WIDTH / 2;
    }

    private static int lastColumn(int count, int columns, int row) {
        return Math.min(columns, count - row * columns) - 1;
    }

    private static double rowTop(double appTop, int row) {
        return appTop + row * (NODE_HEIGHT + ROW_GAP);
    }

    private static double rowWidth(int n) {
        return n == 0 ? 0 : n * (NODE_WIDTH + H_GAP) - H_GAP;
    }
}
