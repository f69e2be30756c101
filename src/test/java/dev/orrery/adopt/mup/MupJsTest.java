package dev.orrery.adopt.mup;

import dev.orrery.adopt.ImportException;
import dev.orrery.adopt.ImportItem;
import dev.orrery.adopt.ImportResult;
import dev.orrery.model.Cluster;
import dev.orrery.model.KeptDirective;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.orrery.adopt.mup.MupImportTest.item;

/** mup.js of Meteor Up 1.x, evaluated by the machine's own node. */
@RequiresCommands("node")
class MupJsTest {

    @Test
    void mup1WithAppMongoProxyDockerAndHooks() throws Exception {
        ImportResult r = MupImportTest.read("mup1", null);
        Cluster c = r.cluster();
        assertThat(c.appServers()).extracting(Server::name).containsExactly("one", "two", "three");
        assertThat(c.byRole(Role.DATABASE)).extracting(Server::publicAddress).containsExactly("198.51.100.30");
        // pem came from a path the module computed with path.join(process.env.HOME, …)
        assertThat(c.server("one").orElseThrow().sshKey()).endsWith("/.ssh/crater_ed25519");
        assertThat(c.app().port()).isEqualTo(3000);
        assertThat(c.app().environment()).containsEntry("METEOR_SETTINGS", "{\"public\":{\"analytics\":true}}")
                .containsEntry("MONGO_OPLOG_URL", "mongodb://10.0.1.20:27017/local");
        assertThat(c.balancer().stickiness()).isEqualTo(Stickiness.IP_HASH);
        assertThat(c.balancer().kept()).containsExactly(new KeptDirective(KeptDirective.Context.HTTPS_SERVER, "client_max_body_size 50M;"));
        assertThat(item(r, "app.docker.image").detail()).contains("not in Docker");
        assertThat(item(r, "hooks").detail()).contains("no local or remote hooks");
        assertThat(item(r, "proxy.ssl.letsEncryptEmail").outcome()).isEqualTo(ImportItem.Outcome.NOT_MAPPED);
        assertThat(item(r, "app.servers.three.env.APP_ROLE").outcome()).isEqualTo(ImportItem.Outcome.NOT_MAPPED);
    }

    @Test
    void earlyOneXWithTheMeteorKey() throws Exception {
        ImportResult r = MupImportTest.read("mup1-meteor", null);
        assertThat(r.cluster().appServers()).extracting(Server::name).containsExactly("one");
        assertThat(r.cluster().app().port()).isEqualTo(80);
        assertThat(item(r, "meteor.dockerImage").outcome()).isEqualTo(ImportItem.Outcome.NOT_MAPPED);
        assertThat(r.notes()).anyMatch(n -> n.contains("mup's default port, 80"));
    }

    @Test
    void withoutNodeTheMessageSaysSo() throws Exception {
        NodeEval missing = new NodeEval("node-is-not-installed-here", Duration.ofSeconds(5));
        assertThatThrownBy(() -> MupFile.read(MupImportTest.fixture("mup1"), missing)).isInstanceOf(ImportException.class)
                .hasMessageContaining("is a Node module, so reading it needs Node.js").hasMessageContaining("'node-is-not-installed-here' could not be run")
                .hasMessageContaining("> mup.json");
    }

    @Test
    void aModuleThatNeverFinishesIsStoppedAtTheLimit(@TempDir Path dir) throws Exception {
        // the module says which process reads it, then never finishes
        Files.writeString(dir.resolve("mup.js"), "require('fs').writeFileSync(__dirname + '/node.pid', String(process.pid));\n"
                + "while (true) {}\n");
        assertThatThrownBy(() -> MupFile.read(dir, new NodeEval("node", Duration.ofSeconds(2))))
                .hasMessageContaining("did not finish reading mup.js within 2 s");
        // the process was killed, not left spinning: a hung node would stay alive for ever
        long pid = Long.parseLong(Files.readString(dir.resolve("node.pid")).strip());
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aModuleThatThrowsShowsNodesMessage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mup.js"), "module.exports = { servers: require('./missing-servers') };\n");
        assertThatThrownBy(() -> MupFile.read(dir, NodeEval.standard())).hasMessageContaining("node could not load mup.js")
                .hasMessageContaining("Cannot find module './missing-servers'");
        Files.writeString(dir.resolve("mup.js"), "module.exports = {\n  servers: { one: { host: '198.51.100.9' } \n  app: {}\n};\n");
        assertThatThrownBy(() -> MupFile.read(dir, NodeEval.standard())).hasMessageContaining("SyntaxError")
                .hasMessageContaining("mup.js:3");
        Files.writeString(dir.resolve("mup.js"), "// forgot module.exports\nconst x = 1;\n");
        assertThatThrownBy(() -> MupFile.read(dir, NodeEval.standard())).hasMessageContaining("exports nothing");
    }
}
