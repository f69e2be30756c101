package dev.orrery.proxy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every variant renders exactly its golden file. After an intended change, regenerate with
 * {@code mvn -o -q test -Dtest=GoldenFilesTest -Dgolden.update=true} and read the diff.
 */
class GoldenFilesTest {

    static final Path SOURCE_DIR = Path.of("src/test/resources/dev/orrery/proxy/golden");

    static List<Variant> variants() {
        return Variant.all();
    }

    static String golden(String fileName) throws IOException {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("golden/" + fileName)) {
            assertThat(in).as("golden file %s (regenerate with -Dgolden.update=true)", fileName).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void rendersItsGoldenFile(Variant v) throws IOException {
        String text = ProxyRenderer.render(v.cluster(Variant.GOLDEN_DIR), v.layout(Variant.GOLDEN_DIR), v.features()).text();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(v.fileName()), text);
            return;
        }
        assertThat(text).isEqualTo(golden(v.fileName()));
    }
}
