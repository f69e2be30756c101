package dev.orrery.ui.main;

import dev.orrery.engine.state.Tone;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failover pair in the topology: both balancer nodes say their kind ("nginx pair"), and the
 * reserved-IP node above the diagram says which balancer holds the address — from the balancers'
 * live facts (the API's holder, each keepalived's state) through ServerLook.reservedIp, the same
 * words {@code orrery status} prints — following the address when it moves, red when nobody holds it.
 */
@ExtendWith(ApplicationExtension.class)
class ReservedIpWindowTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.failoverPair("198.51.100.50");
        fx.start(stage, fx.clusterFile);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(1, TimeUnit.MINUTES);
    }

    private String reservedIp() throws Exception {
        return onFx(() -> fx.window.topology().reservedIpText());
    }

    private boolean reservedIpTone(Tone tone) throws Exception {
        return onFx(() -> {
            Node n = fx.window.topology().lookup("#topology-reserved-ip");
            return n != null && n.getStyleClass().contains(tone.cssClass());
        });
    }

    @Test
    void theReservedIpNodeSaysWhichBalancerHoldsItAndFollowsAMove() throws Exception {
        fx.awaitOpen();
        waitFor(() -> onFx(() -> fx.window.topology().node("lb-2")) != null);
        assertThat(onFx(() -> fx.window.topology().node("lb-1").kindText())).isEqualTo("nginx pair");
        assertThat(onFx(() -> fx.window.topology().node("lb-2").kindText())).isEqualTo("nginx pair");
        // Before anything was read, the address from the file, and that its holder is not known yet.
        waitFor(() -> "Reserved IP  198.51.100.50 · holder not read yet".equals(reservedIp()));

        var live = fx.window.orrery().live("crater");
        live.setFailover("lb-1", "198.51.100.50", true, "MASTER");
        live.setFailover("lb-2", "198.51.100.50", false, "BACKUP");
        waitFor(() -> "Reserved IP  198.51.100.50 → lb-1".equals(reservedIp()));
        assertThat(reservedIpTone(Tone.GOOD)).isTrue();

        // keepalived moved it to lb-2 and the API follows: the node follows too.
        live.setFailover("lb-2", "198.51.100.50", true, "MASTER");
        live.setFailover("lb-1", "198.51.100.50", false, "FAULT");
        waitFor(() -> "Reserved IP  198.51.100.50 → lb-2".equals(reservedIp()));
        assertThat(reservedIpTone(Tone.GOOD)).isTrue();

        // The API routes it to neither: users reach nothing, said in red.
        live.setFailover("lb-2", "198.51.100.50", false, "FAULT");
        waitFor(() -> "Reserved IP  198.51.100.50 → no balancer".equals(reservedIp()));
        assertThat(reservedIpTone(Tone.BAD)).isTrue();
    }
}
