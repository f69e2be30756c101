package dev.orrery.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeployLockTest {
    @TempDir
    Path locks;

    @Test
    void aSecondLockIsRefusedSayingWhoAndWhenAndIsFreeAgainAfterClose() throws Exception {
        try (DeployLock first = DeployLock.acquire(locks, "crater", "deploy of r1")) {
            DeployLock.Holder h = DeployLock.holder(locks, "crater").orElseThrow();
            assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(h.startedAt()).isBeforeOrEqualTo(Instant.now());
            assertThatThrownBy(() -> DeployLock.acquire(locks, "crater", "rollback"))
                    .isInstanceOf(DeployLockedException.class)
                    .hasMessageContaining("deploy of r1 started by " + h.user() + "@" + h.host() + " (pid " + h.pid() + ") at " + h.startedAt());
            // Other clusters are independent.
            DeployLock.acquire(locks, "other", "deploy").close();
        }
        DeployLock.acquire(locks, "crater", "deploy of r2").close();
    }

    @Test
    void aLockLeftByADeadProcessIsCalledStaleAndCanBeClearedDeliberately() throws Exception {
        Files.writeString(DeployLock.fileFor(locks, "crater"), "{\"user\":\"ann\",\"host\":\"" + java.net.InetAddress.getLocalHost().getHostName()
                + "\",\"pid\":999999999,\"startedAt\":\"2026-11-27T10:00:00Z\",\"operation\":\"deploy of r0\"}");
        assertThatThrownBy(() -> DeployLock.acquire(locks, "crater", "deploy"))
                .hasMessageContaining("ann@").hasMessageContaining("2026-11-27T10:00:00Z").hasMessageContaining("looks stale")
                .hasMessageContaining("--clear-lock");
        assertThat(DeployLock.clear(locks, "crater")).hasValueSatisfying(h -> assertThat(h.user()).isEqualTo("ann"));
        DeployLock.acquire(locks, "crater", "deploy").close();
    }
}
