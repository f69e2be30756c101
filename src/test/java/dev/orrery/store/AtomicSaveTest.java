package dev.orrery.store;

import dev.orrery.model.Fixtures;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Item 2 of issue 13: a save writes through a symbolic link and keeps the file's mode; item 11: a failed save says why. */
class AtomicSaveTest {
    @TempDir
    Path dir;

    @Test
    void aSymlinkedClusterFileStaysALinkAndItsTargetGetsTheChange() throws Exception {
        Path real = Files.createDirectories(dir.resolve("repo")).resolve("crater.json");
        ClusterStore.save(real, Fixtures.seedCluster());
        Path link = Files.createSymbolicLink(dir.resolve("crater.json"), Path.of("repo/crater.json"));

        ClusterFile.update(link, c -> c.withServer(Server.of("app-9", Role.APP, "10.0.1.9")));

        assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
        assertThat(ClusterStore.load(real).server("app-9")).as("the target changed").isPresent();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("repo", "crater.json");
        }
    }

    @Test
    void aSaveKeepsTheFilesMode() throws Exception {
        Path file = dir.resolve("crater.json");
        ClusterStore.save(file, Fixtures.seedCluster());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ClusterFile.update(file, c -> c.withServer(Server.of("app-9", Role.APP, "10.0.1.9")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aNewFileIsTheOwnersAlone() throws Exception {
        Path file = dir.resolve("new/crater.json");
        ClusterFile.create(file, Fixtures.seedCluster());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThatThrownBy(() -> ClusterFile.create(file, Fixtures.seedCluster())).hasMessageContaining("already exists");
    }

    @Test
    void aFailedSaveSaysWhyAndNeverNamesOnlyItsTempFile() throws Exception {
        Path blocker = Files.writeString(dir.resolve("notafolder"), "x");
        assertThatThrownBy(() -> ClusterStore.save(blocker.resolve("crater.json"), Fixtures.seedCluster()))
                .hasMessageContaining("cannot save " + blocker.resolve("crater.json"))
                .hasMessageContaining("is a file, not a folder")
                .hasMessageNotContaining(".tmp");
        Path folder = Files.createDirectories(dir.resolve("crater.json"));
        assertThatThrownBy(() -> ClusterStore.save(folder, Fixtures.seedCluster()))
                .hasMessage("cannot save " + folder + ": it is a folder");
    }

    @Test
    void aSaveIntoAFolderWithoutWritePermissionSaysPermissionDenied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Path file = ro.resolve("crater.json");
        ClusterStore.save(file, Fixtures.seedCluster());
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> ClusterStore.save(file, Fixtures.seedCluster()))
                    .hasMessageContaining("cannot save " + file).hasMessageContaining("permission denied").hasMessageNotContaining(".tmp");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
