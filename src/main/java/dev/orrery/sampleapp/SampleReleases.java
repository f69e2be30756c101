package dev.orrery.sampleapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds release jars of the sample app from the classes Orrery itself carries, so any version
 * can be made on any machine without a build tool: {@code write(path, "v2", false)}.
 */
public final class SampleReleases {
    private static final List<Class<?>> CLASSES = List.of(SampleApp.class, HttpRequest.class, WebSocketSession.class);

    private SampleReleases() {
    }

    /** Writes a runnable jar ({@code java -jar}); {@code broken} makes its health check fail. */
    public static Path write(Path jar, String version, boolean broken) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SampleApp.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> c : CLASSES) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getResourceAsStream("/" + entry)) {
                    if (in == null) {
                        throw new IOException("cannot find " + entry + " on Orrery's class path");
                    }
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("sampleapp/release.properties"));
            out.write(("version=" + version + "\nbroken=" + broken + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
