package dev.orrery.deploy;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end with real processes: the env file Orrery writes, sourced by the real orrery-run
 * launcher under /bin/sh, reaches a real node process's process.env byte for byte, whatever the
 * value holds.
 */
class LauncherEnvironmentTest {
    @TempDir
    Path tmp;

    static final Map<String, String> HOSTILE = new LinkedHashMap<>();

    static {
        HOSTILE.put("SINGLE", "it's a 'quoted' value");
        HOSTILE.put("DOUBLE", "say \"hi\" \\n not a newline");
        HOSTILE.put("SUBST", "$(touch /tmp/orrery-pwned) and ${HOME} and $PATH");
        HOSTILE.put("BACKTICK", "`id` `touch /tmp/orrery-pwned2`");
        HOSTILE.put("NEWLINES", "line one\nline two\n\nline four\n");
        HOSTILE.put("METEOR_SETTINGS", "{\"public\":{\"a\":\"b'c\",\"list\":[1,2,{\"x\":\"$y\"}]},\"private\":\"\\u00e9t\u00e9\"}");
        HOSTILE.put("SEMI", "a; rm -rf / ; echo b && false || true | cat > /dev/null");
        HOSTILE.put("EMPTY", "");
        HOSTILE.put("TAB", "a\tb");
        HOSTILE.put("UNICODE", "Grüße 🚀 日本");
        HOSTILE.put("ENDS_BACKSLASH", "trailing\\");
        HOSTILE.put("GLOB", "* ? [a-z] ~");
    }

    @Test
    void anyValueArrivesIntactInTheAppsProcessEnv() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")) || Files.isExecutable(Path.of("/usr/local/bin/node")), "node is not installed");
        AppLayout layout = new AppLayout(tmp.toString(), "crater");
        Cluster cluster = new Cluster("crater", new AppSpec("crater", 3123, HOSTILE, List.of()), Balancer.defaults(),
                List.of(Server.of("lb-1", Role.BALANCER, "203.0.113.7"), Server.of("app-1", Role.APP, "10.0.1.5")));
        Map<String, String> env = AppEnvironment.forServer(cluster, cluster.server("app-1").orElseThrow(), "r1");

        Path release = Files.createDirectories(Path.of(layout.release("r1")));
        Files.writeString(release.resolve(".orrery-start"),
                "exec node -e 'process.stdout.write(JSON.stringify(process.env))'\n");
        Files.createDirectories(Path.of(layout.envDir()));
        Files.write(Path.of(layout.envFile("r1")), EnvFile.render(env));
        Files.createSymbolicLink(Path.of(layout.current()), Path.of("releases/r1"));
        Path launcher = Files.createDirectories(Path.of(layout.bin())).resolve("orrery-run");
        Files.write(launcher, Scripts.launcher(layout));

        Process p = new ProcessBuilder("/bin/sh", launcher.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, String> seen = Json.mapper().readValue(out, Map.class);

        HOSTILE.forEach((k, v) -> assertThat(seen.get(k)).as(k).isEqualTo(v));
        assertThat(seen).containsEntry("PORT", "3123").containsEntry("HTTP_FORWARDED_COUNT", "1")
                .containsEntry("ROOT_URL", "http://203.0.113.7").containsEntry("METEOR_OPLOG_TOO_FAR_BEHIND", "2000")
                .containsEntry("ORRERY_SERVER", "app-1").containsEntry("ORRERY_RELEASE", "r1");
        assertThat(Path.of("/tmp/orrery-pwned")).doesNotExist();
        assertThat(Path.of("/tmp/orrery-pwned2")).doesNotExist();
    }

    @Test
    void valuesNoEnvironmentCanCarryAreRefusedWithTheKey() {
        assertThatThrownBy(() -> EnvFile.render(Map.of("A", "x\0y"))).hasMessageContaining("A").hasMessageContaining("NUL");
        assertThatThrownBy(() -> EnvFile.render(Map.of("A", "x\ry"))).hasMessageContaining("control character");
        assertThatThrownBy(() -> EnvFile.render(Map.of("A B", "x"))).hasMessageContaining("\"A B\"");
        assertThat(AppEnvironment.problems(Map.of("HTTP_FORWARDED_COUNT", "2"))).singleElement().asString().contains("set by Orrery");
    }

    @Test
    void meteorVariablesComeFromTheTopologyAndTheUserOverridesThem() {
        Cluster c = new Cluster("crater", new AppSpec("crater", 3000, Map.of("ROOT_URL", "https://example.com"), List.of()), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "10.0.1.5"), Server.of("db-1", Role.DATABASE, "10.0.2.1"), Server.of("db-2", Role.DATABASE, "10.0.2.2")));
        Map<String, String> env = AppEnvironment.forServer(c, c.server("app-1").orElseThrow(), "r1");
        assertThat(env).containsEntry("ROOT_URL", "https://example.com").containsEntry("HTTP_FORWARDED_COUNT", "0")
                .containsEntry("MONGO_URL", "mongodb://10.0.2.1:27017,10.0.2.2:27017/crater?replicaSet=rs0")
                .containsEntry("MONGO_OPLOG_URL", "mongodb://10.0.2.1:27017,10.0.2.2:27017/local?replicaSet=rs0");
    }
}
