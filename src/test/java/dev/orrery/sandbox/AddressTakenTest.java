package dev.orrery.sandbox;

import dev.orrery.store.OrreryHome;
import dev.orrery.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sandbox whose server address is held by a process that is not its own (another sandbox, a
 * killed test run's leftovers) refuses to start and names the holder, instead of waiting for
 * health it would read from someone else's app.
 */
@EnabledOnOs(OS.LINUX) // 127.66.x.y needs no alias on Linux only
class AddressTakenTest {

    @TempDir
    Path tmp;

    @Test
    void aHeldAddressIsReportedWithItsHolder() throws Exception {
        try (ServerSocket other = listen("127.66.7.2", 0)) {
            String why = ListenerOwner.taken("127.66.7.2", other.getLocalPort());
            assertThat(why).contains("127.66.7.2:" + other.getLocalPort() + " is already in use")
                    .contains("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aFreeAddressIsUsable() throws Exception {
        int port;
        try (ServerSocket probe = listen("127.66.7.3", 0)) {
            port = probe.getLocalPort();
        }
        assertThat(ListenerOwner.taken("127.66.7.3", port)).isNull();
    }

    @Test
    void procNetTcpIsReadInHostByteOrder() throws Exception {
        assertThat(ListenerOwner.hexAddress("127.66.7.2")).isEqualTo("0207427F");
        List<String> lines = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0207427F:0BB8 00000000:0000 01 00000000:00000000 00:00000000 00000000     0        0 111 1",
                "   1: 0207427F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1");
        assertThat(ListenerOwner.listeningInode(lines, "0207427F", 3000)).contains("222");
        assertThat(ListenerOwner.listeningInode(lines, "0207427F", 3001)).isEmpty();
    }

    @Test
    void theSandboxRefusesToStartOnAnAddressSomeoneElseHolds() throws Exception {
        ExecutorService io = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        // A block no other test run uses: a second run of this test at once would find the squatter taken.
        String block = dev.orrery.testing.LoopbackBlocks.claim("AddressTakenTest");
        try (ServerSocket squatter = listen(block + "2", 3000)) {
            SandboxPaths paths = SandboxPaths.of(new OrreryHome(tmp.resolve("home")));
            Sandbox sandbox = new Sandbox(paths, io, scheduler, block);
            assertThatThrownBy(() -> sandbox.start(Progress.NONE))
                    .hasMessageContaining("app-1: " + block + "2:3000 is already in use by pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("stop it first");
            assertThat(squatter.isClosed()).as("the holder is not ours to stop").isFalse();
            assertThat(Files.list(tmp.resolve("home")).count()).as("the home folder is there, nothing else lost").isPositive();
        } finally {
            io.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    private static ServerSocket listen(String address, int port) throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        return s;
    }
}
