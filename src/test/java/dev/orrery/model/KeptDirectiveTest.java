package dev.orrery.model;

import dev.orrery.model.KeptDirective.Context;
import dev.orrery.store.ClusterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeptDirectiveTest {

    @Test
    void oneCompleteNginxDirectiveIsAccepted() {
        assertThat(Rules.keptDirective("gzip on;", BalancerKind.NGINX)).isEmpty();
        assertThat(Rules.keptDirective("log_format t '$remote_addr \"$request\" {x}';", BalancerKind.NGINX)).isEmpty();
        assertThat(Rules.keptDirective("location /static/ {\n  root /srv; # a } in a comment\n  expires 30d;\n}", BalancerKind.NGINX)).isEmpty();
        assertThat(Rules.keptDirective("add_header X a\\;b;", BalancerKind.NGINX)).isEmpty();
    }

    @Test
    void textThatCouldReachOutsideItsContextIsRefused() {
        assertThat(Rules.keptDirective("} server { listen 81; ", BalancerKind.NGINX)).get().asString().contains("closes a block");
        assertThat(Rules.keptDirective("gzip on; } server { listen 81; ", BalancerKind.NGINX)).get().asString().contains("more than one");
        assertThat(Rules.keptDirective("gzip on; gzip_vary on;", BalancerKind.NGINX)).get().asString().contains("more than one directive");
        assertThat(Rules.keptDirective("location / {", BalancerKind.NGINX)).get().asString().contains("leaves a block open");
        assertThat(Rules.keptDirective("gzip on", BalancerKind.NGINX)).get().asString().contains("must end with");
        assertThat(Rules.keptDirective("add_header X \"a;", BalancerKind.NGINX)).get().asString().contains("unclosed quote");
        assertThat(Rules.keptDirective("gzip\u0000 on;", BalancerKind.NGINX)).get().asString().contains("U+0000");
        assertThat(Rules.keptDirective("maxconn 10\nuser root", BalancerKind.HAPROXY)).get().asString().contains("one line");
        assertThat(Rules.keptDirective(" ", BalancerKind.HAPROXY)).get().asString().contains("required");
    }

    @Test
    void aBlockCutFromAnIndentedFileKeepsItsOwnShape() {
        KeptDirective k = new KeptDirective(Context.HTTPS_SERVER, "location /a/ {\n            root /srv;\n        }  \n");
        assertThat(k.text()).isEqualTo("location /a/ {\n    root /srv;\n}");
    }

    @Test
    void theValidatorChecksTextAndContext() {
        Cluster c = Fixtures.seedCluster();
        Cluster bad = c.withBalancer(c.balancer().withKept(List.of(new KeptDirective(Context.FRONTEND, "maxconn 10"),
                new KeptDirective(Context.HTTP, "gzip on; }"))));
        assertThat(ClusterValidator.validate(bad)).extracting(Problem::field)
                .containsExactly("balancer.kept[0].context", "balancer.kept[1].text");
    }

    @Test
    void theFileSaysNothingOfItWhenEmptyAndReadsItBack(@TempDir Path dir) throws Exception {
        Cluster c = Fixtures.seedCluster();
        Path plain = dir.resolve("plain.json");
        ClusterStore.save(plain, c);
        assertThat(Files.readString(plain)).doesNotContain("kept");
        Cluster withKept = c.withBalancer(c.balancer().withKept(List.of(new KeptDirective(Context.PROXY_LOCATION, "proxy_buffering off;"))));
        Path file = dir.resolve("kept.json");
        ClusterStore.save(file, withKept);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).contains("\"context\" : \"proxy-location\"");
        assertThat(ClusterStore.load(file)).isEqualTo(withKept);
        // an older file (no "kept") still loads
        assertThat(ClusterStore.load(Path.of("assets/examples/crater.json")).balancer().kept()).isEmpty();
    }
}
