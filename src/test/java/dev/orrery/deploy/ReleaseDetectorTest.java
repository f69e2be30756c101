package dev.orrery.deploy;

import dev.orrery.model.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Release files made with the real tar, told apart. */
class ReleaseDetectorTest {
    @TempDir
    Path tmp;

    @Test
    void aMeteorBundleIsUnpackedWithoutBundleAndNeedsNpmInstallInProgramsServer() throws Exception {
        Path b = TestBundles.tarGz(tmp, "app.tar.gz", Map.of("bundle/main.js", "require('./programs/server/boot.js')",
                "bundle/programs/server/package.json", "{}", "bundle/programs/server/boot.js", "", "bundle/README", "x"));
        DetectedRelease d = ReleaseDetector.detect(b);
        assertThat(d.kind()).isEqualTo(Release.Kind.METEOR);
        assertThat(d.stripComponents()).isEqualTo(1);
        assertThat(d.npmInstallDir()).isEqualTo("programs/server");
        assertThat(d.startScript()).isEqualTo("exec node main.js\n");
        assertThat(d.summary()).contains("Meteor");
    }

    @Test
    void aNodeAppRunsItsStartScriptAtTheTopOrUnderPackage() throws Exception {
        DetectedRelease top = ReleaseDetector.detect(TestBundles.nodeApp(tmp, "a.tar.gz", "node server.js --port=$PORT"));
        assertThat(top.kind()).isEqualTo(Release.Kind.NODE);
        assertThat(top.stripComponents()).isZero();
        assertThat(top.npmInstallDir()).isNull();
        assertThat(top.startScript()).endsWith("node server.js --port=$PORT\n");

        Path packed = TestBundles.tarGz(tmp, "b.tar.gz", Map.of("package/package.json",
                "{\"scripts\":{\"start\":\"node x.js\"},\"dependencies\":{\"left-pad\":\"1.3.0\"}}", "package/x.js", ""));
        DetectedRelease npmPack = ReleaseDetector.detect(packed);
        assertThat(npmPack.stripComponents()).isEqualTo(1);
        assertThat(npmPack.npmInstallDir()).isEqualTo(".");
    }

    @Test
    void aRunnableJarIsAJarRelease() throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.orrery.Sample");
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
        }
        assertThat(ReleaseDetector.detect(jar).kind()).isEqualTo(Release.Kind.JAR);
    }

    @Test
    void anythingElseIsRefusedSayingWhatWasFound() throws Exception {
        Path noStart = TestBundles.tarGz(tmp, "c.tar.gz", Map.of("package.json", "{\"scripts\":{}}"));
        assertThatThrownBy(() -> ReleaseDetector.detect(noStart)).hasMessageContaining("no \"scripts\": {\"start\"");
        Path half = TestBundles.tarGz(tmp, "d.tar.gz", Map.of("bundle/main.js", ""));
        assertThatThrownBy(() -> ReleaseDetector.detect(half)).hasMessageContaining("no bundle/programs/server");
        Path other = TestBundles.tarGz(tmp, "e.tar.gz", Map.of("index.html", "<html>"));
        assertThatThrownBy(() -> ReleaseDetector.detect(other)).hasMessageContaining("neither").hasMessageContaining("index.html");
        Path text = Files.writeString(tmp.resolve("f.tar.gz"), "hello");
        assertThatThrownBy(() -> ReleaseDetector.detect(text)).hasMessageContaining("not a release");
        assertThatThrownBy(() -> ReleaseDetector.detect(tmp.resolve("missing"))).hasMessageContaining("no such file");
    }
}
