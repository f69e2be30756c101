package dev.orrery.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Makes release files with the real tar, as users make them. */
final class TestBundles {
    private TestBundles() {
    }

    /** A tar.gz of {@code files} (relative path → content) made with {@code tar -czf}. */
    static Path tarGz(Path dir, String name, Map<String, String> files) throws IOException, InterruptedException {
        Path src = Files.createDirectories(dir.resolve(name + "-src"));
        List<String> cmd = new ArrayList<>(List.of("tar", "-czf", dir.resolve(name).toString(), "-C", src.toString()));
        for (var e : files.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            cmd.add(e.getKey());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("tar failed: " + out);
        }
        return dir.resolve(name);
    }

    static Path nodeApp(Path dir, String name, String start) throws IOException, InterruptedException {
        return tarGz(dir, name, Map.of("package.json", "{\"name\":\"t\",\"scripts\":{\"start\":" + jsonString(start) + "}}",
                "server.js", "console.log('hi')\n"));
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
