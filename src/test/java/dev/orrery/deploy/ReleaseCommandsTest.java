package dev.orrery.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commands as text: what a reviewer reads in the job log. */
class ReleaseCommandsTest {
    final ReleaseCommands c = new ReleaseCommands(AppLayout.of("crater"));

    @Test
    void switchingCurrentIsALinkUnderATemporaryNameThenARename() {
        String line = c.switchTo("20261128-010203-abcdef12").line();
        assertThat(line).startsWith("sh -c ").contains("ln -sfn \"releases/$2\" \"$1/current.orrery-tmp\"")
                .contains("mv -T \"$1/current.orrery-tmp\" \"$1/current\"").endsWith(" orrery /opt/crater 20261128-010203-abcdef12");
    }

    @Test
    void theAppGetsItsOwnSystemUserAndItsEnvFileIsItsAlone() {
        assertThat(c.ensureUser().line()).contains("useradd --system").contains("refusing to run the app as root").endsWith(" orrery crater /opt/crater");
        assertThat(c.protectEnv("r1").line()).contains("chmod 600 \"$1\"").endsWith(" orrery /opt/crater/env/r1.env crater");
        assertThat(c.npmInstall("r1", "programs/server").line()).contains("setpriv --reuid=\"$user\"").contains("npm install --production")
                .endsWith(" orrery /opt/crater/releases/r1 crater programs/server /opt/crater");
    }

    @Test
    void asTheCurrentUserNothingIsCreatedOrChownedAndTheUserArgumentIsEmpty() {
        ReleaseCommands sandbox = new ReleaseCommands(new AppLayout("/tmp/sb", "crater", true));
        assertThat(sandbox.ensureUser().line()).isEqualTo("true");
        assertThat(sandbox.protectEnv("r1").line()).contains("[ -z \"$2\" ] || chown").endsWith(" orrery /tmp/sb/crater/env/r1.env ''");
        assertThat(sandbox.finish("r1").line()).contains("[ -z \"$3\" ] || chown -R 0:0")
                .contains(" orrery /tmp/sb/crater/releases/r1 /tmp/sb/crater/incoming/r1.upload '' /tmp/sb/crater/manifests r1 ");
        assertThat(sandbox.preflightStart("r1", 13000).line()).contains("set -- env -i PATH=\"$PATH\" HOME=")
                .endsWith(" orrery /tmp/sb/crater '' r1 13000 " + Scripts.SERVICE_PATH);
        assertThat(new String(Scripts.supervisor(sandbox.layout(), 5), java.nio.charset.StandardCharsets.UTF_8)).contains("APP_USER=''");
    }

    @Test
    void theHealthProbeQuotesItsFormatAndRefusesABadPath() {
        assertThat(c.probe("10.0.1.5", 3000, "/health", 1000).line())
                .isEqualTo("curl -s -o /dev/null -w '%{http_code}' --max-time 1.000 http://10.0.1.5:3000/health");
        assertThat(c.probe("fd00::5", 3000, "/", 750).line()).endsWith(" 'http://[fd00::5]:3000/'");
        assertThatThrownBy(() -> c.probe("10.0.1.5", 3000, "/$(reboot)", 1000)).hasMessageContaining("command substitution");
    }

    @Test
    void releaseIdsAreValidatedBeforeTheyReachAPath() {
        assertThatThrownBy(() -> c.switchTo("../../etc")).hasMessageContaining("release id");
        assertThatThrownBy(() -> c.prune(5, "x y")).hasMessageContaining("release id");
    }
}
