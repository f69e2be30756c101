package dev.orrery.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Items 6, 7 and 11 of issue 13: a cluster file is read strictly (nothing coerced), and what is
 * wrong is said as the field, what was expected and what was found — never a Java type name.
 */
class StrictReadingTest {
    @TempDir
    Path dir;

    /** A valid file with one value swapped: {@code FIELD} in the template is replaced. */
    private static final String TEMPLATE = """
            {"schemaVersion": SCHEMA, "cluster": {"name": NAME, "app": {"name": "crater", "port": PORT, "environment": {}},
             "balancer": {"kind": KIND, "stickiness": STICKY, "drained": DRAINED},
             "servers": [{"name": "lb-1", "role": "balancer", "publicAddress": "10.0.1.10"},
                         {"name": "app-1", "role": "app", "publicAddress": "10.0.1.11", "sshPort": 22}, EXTRA]}}
            """;

    private Path file(String what, String value) throws Exception {
        String text = TEMPLATE.replace("SCHEMA", "1").replace("NAME", "\"crater\"").replace("PORT", "3000").replace("KIND", "\"nginx\"")
                .replace("STICKY", "\"ip_hash\"").replace("DRAINED", "[]").replace(", EXTRA", "");
        String key = switch (what) {
            case "schema" -> "\"schemaVersion\": 1";
            case "name" -> "\"name\": \"crater\", \"app\"";
            case "port" -> "\"port\": 3000";
            case "kind" -> "\"kind\": \"nginx\"";
            case "sticky" -> "\"stickiness\": \"ip_hash\"";
            case "drained" -> "\"drained\": []";
            case "servers" -> "\"sshPort\": 22}]";
            default -> throw new IllegalArgumentException(what);
        };
        String replaced = switch (what) {
            case "schema" -> "\"schemaVersion\": " + value;
            case "name" -> "\"name\": " + value + ", \"app\"";
            case "port" -> "\"port\": " + value;
            case "kind" -> "\"kind\": " + value;
            case "sticky" -> "\"stickiness\": " + value;
            case "drained" -> "\"drained\": " + value;
            default -> "\"sshPort\": 22}, " + value + "]";
        };
        assertThat(text).contains(key);
        return Files.writeString(dir.resolve(what + ".json"), text.replace(key, replaced));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            servers | null       | cluster.servers[2] | expected an object, found null
            drained | [null]     | cluster.balancer.drained[0] | expected text, found null
            port    | true       | cluster.app.port   | expected a whole number, found true
            port    | 3000.9     | cluster.app.port   | expected a whole number, found the number 3000.9
            port    | "3000"     | cluster.app.port   | expected a whole number, found the text "3000"
            port    | [3000]     | cluster.app.port   | expected a whole number, found a list
            name    | true       | cluster.name       | expected text, found true
            name    | 12         | cluster.name       | expected text, found the number 12
            name    | {}         | cluster.name       | expected text, found an object
            kind    | 1          | cluster.balancer.kind | expected one of "nginx", "haproxy", "do-load-balancer", found the number 1
            kind    | "apache"   | cluster.balancer.kind | expected one of "nginx", "haproxy", "do-load-balancer", found the text "apache"
            sticky  | 1          | cluster.balancer.stickiness | expected one of "ip_hash", "consistent_hash", "cookie", "none", found the number 1
            schema  | 1.0        | schemaVersion      | expected the whole number 1, found the number 1.0
            schema  | "1"        | schemaVersion      | expected the whole number 1, found the text "1"
            schema  | 2          | schemaVersion      | is 2; this Orrery reads version 1
            """)
    void nothingIsCoercedAndTheMessageSaysFieldExpectedAndFound(String what, String value, String field, String message) throws Exception {
        Path f = file(what, value);
        assertThatThrownBy(() -> ClusterStore.load(f))
                .isInstanceOf(ClusterFileException.class)
                .satisfies(e -> {
                    assertThat(((ClusterFileException) e).field()).isEqualTo(field);
                    assertThat(((ClusterFileException) e).line()).isPositive();
                })
                .hasMessageContaining(field + ": " + message)
                .hasMessageNotContaining("java.").hasMessageNotContaining("dev.orrery").hasMessageNotContaining("`")
                .hasMessageNotContaining("Cannot ").hasMessageNotContaining("missing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"schemaVersion": 1}                                     | cluster: is missing
            {"cluster": {}}                                          | schemaVersion: is missing
            []                                                       | is not a JSON object
            {"schemaVersion": 1, "cluster": {"name": "c"} } trailing | is not valid JSON
            {"schemaVersion": 1, "cluster": {"name": "c",}}          | is not valid JSON
            {"schemaVersion": 1, "cluster": {"name": "c", "name": "d"}} | is not valid JSON: duplicate field 'name'
            {"schemaVersion": 1, "cluster": {"name": "c", "bogus": 1}} | cluster: unknown field "bogus"; the fields here are app, balancer, firewall, monitoring, name, servers
            {"schemaVersion": 1, "cluster": null}                    | cluster: expected an object, found null
            """)
    void theShapeOfTheFileIsNamedToo(String text, String message) throws Exception {
        Path f = Files.writeString(dir.resolve("f.json"), text);
        assertThatThrownBy(() -> ClusterStore.load(f)).isInstanceOf(ClusterFileException.class)
                .hasMessageContaining(message).hasMessageNotContaining("java.").hasMessageNotContaining("dev.orrery");
    }

    @org.junit.jupiter.api.Test
    void aBracketBombIsRefusedWithoutDiggingIn() throws Exception {
        Path f = Files.writeString(dir.resolve("deep.json"), "{\"schemaVersion\": 1, \"cluster\": " + "[".repeat(100_000));
        assertThatThrownBy(() -> ClusterStore.load(f)).isInstanceOf(ClusterFileException.class)
                .hasMessageContaining("is nested more than 64 levels deep");
    }
}
