package dev.orrery.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The sample command's output captured on (or written for) real kernels: see captures/README.md. */
final class Captures {
    private Captures() {
    }

    static List<String> lines(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reading reading(String name) {
        return ProcParser.parse(lines(name));
    }
}
