package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A droplet metric from DigitalOcean's Monitoring API ({@code GET /v2/monitoring/metrics/droplet/…}),
 * as the spec's {@code metrics} model gives it: a Prometheus-style matrix, one series per label
 * set (the CPU mode, the file system's mount point …), each a list of {@code [unix seconds,
 * "value"]}. The API answers with an empty result for a droplet that does not run do-agent.
 */
public record DropletMetrics(List<Series> series) {

    /** The droplet metrics Orrery reads; {@code path} is the last part of the endpoint. */
    public enum Kind {
        CPU("cpu"), MEMORY_TOTAL("memory_total"), MEMORY_AVAILABLE("memory_available"),
        FILESYSTEM_SIZE("filesystem_size"), FILESYSTEM_FREE("filesystem_free"),
        LOAD_1("load_1"), LOAD_5("load_5"), LOAD_15("load_15"), BANDWIDTH("bandwidth");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    public record Point(long epochSeconds, double value) {
    }

    public record Series(Map<String, String> labels, List<Point> points) {
        public Series {
            labels = Map.copyOf(labels);
            points = List.copyOf(points);
        }
    }

    public DropletMetrics {
        series = List.copyOf(series);
    }

    /** True when the droplet reported nothing (no do-agent, or a window before it started). */
    public boolean empty() {
        return series.stream().allMatch(s -> s.points().isEmpty());
    }

    /** The series whose label {@code key} is {@code value} (e.g. mode=idle, mountpoint=/). */
    public List<Point> where(String key, String value) {
        return series.stream().filter(s -> value.equals(s.labels().get(key))).findFirst().map(Series::points).orElse(List.of());
    }

    /** The first series' points (metrics with one series: memory, load, bandwidth). */
    public List<Point> only() {
        return series.isEmpty() ? List.of() : series.get(0).points();
    }

    static DropletMetrics read(JsonNode answer, String what) {
        if (!"success".equals(answer.path("status").asText())) {
            throw new CloudException("the Monitoring API's answer to " + what + " is not a success: " + answer.path("status").asText("none"));
        }
        List<Series> out = new ArrayList<>();
        for (JsonNode r : answer.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            r.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            List<Point> points = new ArrayList<>();
            for (JsonNode v : r.path("values")) {
                if (v.isArray() && v.size() == 2) {
                    try {
                        points.add(new Point(v.get(0).asLong(), Double.parseDouble(v.get(1).asText().toLowerCase(Locale.ROOT))));
                    } catch (NumberFormatException e) {
                        throw new CloudException("the Monitoring API's " + what + " has a value that is not a number");
                    }
                }
            }
            out.add(new Series(labels, points));
        }
        return new DropletMetrics(out);
    }
}
