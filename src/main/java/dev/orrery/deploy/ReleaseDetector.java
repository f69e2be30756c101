package dev.orrery.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.model.Release;
import dev.orrery.store.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * Tells what a release file is: a Meteor server bundle ({@code meteor build}: bundle/main.js and
 * bundle/programs/server), a plain Node app tarball (package.json with a start script, at the top
 * or under one folder as {@code npm pack} makes it), or a runnable jar. Anything else is refused
 * with what was found.
 */
public final class ReleaseDetector {

    private ReleaseDetector() {
    }

    public static DetectedRelease detect(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(magic, 0, 4);
        }
        if (magic[0] == 'P' && magic[1] == 'K') {
            return jar(file);
        }
        if ((magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
            throw new IOException(file + ": not a release: expected a .tar.gz (Meteor bundle or Node app) or a runnable .jar");
        }
        Map<String, byte[]> entries;
        try {
            entries = TarEntries.read(file, Set.of("package.json", "package/package.json", "bundle/programs/server/package.json"));
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable .tar.gz: " + e.getMessage(), e);
        }
        if (entries.containsKey("bundle/main.js") && hasPrefix(entries, "bundle/programs/server/")) {
            return new DetectedRelease(Release.Kind.METEOR, 1, "programs/server", "exec node main.js\n",
                    "Meteor server bundle (bundle/main.js; npm install --production in programs/server)");
        }
        if (entries.containsKey("bundle/main.js")) {
            throw new IOException(file + ": has bundle/main.js but no bundle/programs/server: not a complete `meteor build` bundle");
        }
        for (String prefix : new String[] {"", "package/"}) {
            byte[] pkg = entries.get(prefix + "package.json");
            if (pkg != null) {
                return node(file, pkg, prefix, entries);
            }
        }
        String top = entries.keySet().stream().limit(5).reduce((a, b) -> a + ", " + b).orElse("nothing");
        throw new IOException(file + ": neither a Meteor bundle (bundle/main.js) nor a Node app (package.json); it holds " + top);
    }

    private static DetectedRelease node(Path file, byte[] pkg, String prefix, Map<String, byte[]> entries) throws IOException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(pkg);
        } catch (IOException e) {
            throw new IOException(file + ": " + prefix + "package.json is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode start = json.path("scripts").path("start");
        if (!start.isTextual() || start.asText().isBlank()) {
            throw new IOException(file + ": " + prefix + "package.json has no \"scripts\": {\"start\": …}; Orrery starts a Node app with its start script");
        }
        boolean needsInstall = json.path("dependencies").size() > 0 && !hasPrefix(entries, prefix + "node_modules/");
        // The start script runs as npm would run it: with the release's node_modules/.bin on PATH.
        String script = "PATH=\"$PWD/node_modules/.bin:$PATH\"; export PATH\n" + start.asText() + "\n";
        return new DetectedRelease(Release.Kind.NODE, prefix.isEmpty() ? 0 : 1, needsInstall ? "." : null, script,
                "Node app (package.json start script: " + start.asText() + (needsInstall ? "; npm install --production" : "") + ")");
    }

    private static DetectedRelease jar(Path file) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            var manifest = jar.getManifest();
            String main = manifest != null ? manifest.getMainAttributes().getValue("Main-Class") : null;
            if (main == null) {
                throw new IOException(file + ": a jar without Main-Class in its manifest is not runnable");
            }
            return new DetectedRelease(Release.Kind.JAR, 0, null, "exec java -jar app.jar\n", "runnable jar (Main-Class " + main + ")");
        }
    }

    private static boolean hasPrefix(Map<String, byte[]> entries, String prefix) {
        return entries.keySet().stream().anyMatch(n -> n.startsWith(prefix));
    }
}
