package dev.orrery.ui.edit;

import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.ServerState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterEditTest {
    private final Cluster base = new Cluster("c", new AppSpec("c", 3000, Map.of(), List.of()), Balancer.defaults(), List.of(
            Server.of("lb-1", Role.BALANCER, "10.0.1.1"),
            Server.of("app-1", Role.APP, "10.0.1.11"),
            Server.of("app-2", Role.APP, "10.0.1.12"),
            Server.of("app-3", Role.APP, "10.0.1.13"),
            Server.of("db-1", Role.DATABASE, "10.0.1.20")));

    @Test
    void undoOfADeletePutsTheServerBackInItsPlaceAndRedoDeletesItAgain() throws Exception {
        Cluster deleted = base.withoutServer("app-2");
        ClusterEdit e = ClusterEdit.between(base, deleted, "Deleted app-2");
        assertThat(e.undo(deleted)).isEqualTo(base);
        assertThat(e.redo(base)).isEqualTo(deleted);
    }

    @Test
    void undoOfAnAddAndOfAnEditAndOfARename() throws Exception {
        Cluster added = ServerPlacement.insert(base, Server.of("app-4", Role.APP, "10.0.1.14"), 1);
        assertThat(ClusterEdit.between(base, added, "Added app-4").undo(added)).isEqualTo(base);

        Cluster edited = base.replaceServer("app-1", base.server("app-1").orElseThrow().withSsh("deploy", 2222, "agent"));
        assertThat(ClusterEdit.between(base, edited, "Changed app-1").undo(edited)).isEqualTo(base);

        Cluster drained = base.withBalancer(base.balancer().withDrained("app-1", true));
        Cluster renamed = drained.replaceServer("app-1", drained.server("app-1").orElseThrow().withName("web-1"));
        ClusterEdit rename = ClusterEdit.between(drained, renamed, "Changed web-1");
        assertThat(rename.undo(renamed)).isEqualTo(drained);
        assertThat(rename.redo(drained)).isEqualTo(renamed);
    }

    @Test
    void aDrainedServerDeletedComesBackDrained() throws Exception {
        Cluster drained = base.withBalancer(base.balancer().withDrained("app-3", true));
        Cluster deleted = drained.withoutServer("app-3");
        assertThat(deleted.balancer().isDrained("app-3")).isFalse();
        assertThat(ClusterEdit.between(drained, deleted, "Deleted app-3").undo(deleted)).isEqualTo(drained);
    }

    @Test
    void undoOfADrainUndrains() throws Exception {
        Cluster drained = base.withBalancer(base.balancer().withDrained("app-3", true));
        ClusterEdit e = ClusterEdit.between(base, drained, "Drained app-3");
        assertThat(e.undo(drained).balancer().isDrained("app-3")).isFalse();
        assertThat(e.undo(drained)).isEqualTo(base);
    }

    @Test
    void aJobsChangeToAnotherServerSurvivesTheUndo() throws Exception {
        Cluster deleted = base.withoutServer("app-3");
        ClusterEdit e = ClusterEdit.between(base, deleted, "Deleted app-3");
        // Meanwhile a deploy recorded a release on app-1.
        Cluster deployed = deleted.replaceServer("app-1", deleted.server("app-1").orElseThrow().withRelease("v7"));
        Cluster back = e.undo(deployed);
        assertThat(back.server("app-3")).isPresent();
        assertThat(back.server("app-1").orElseThrow().release()).isEqualTo("v7");
        assertThat(back.servers().stream().map(Server::name).toList()).containsExactly("lb-1", "app-1", "app-2", "app-3", "db-1");
    }

    @Test
    void undoRefusesWhenItsOwnServerChangedSinceAndChangesNothing() {
        Cluster added = base.withServer(Server.of("app-4", Role.APP, "10.0.1.14"));
        ClusterEdit e = ClusterEdit.between(base, added, "Added app-4");
        Cluster failedSince = added.replaceServer("app-4", added.server("app-4").orElseThrow().withState(ServerState.FAILED));
        assertThatThrownBy(() -> e.undo(failedSince)).isInstanceOf(ClusterEdit.Conflict.class).hasMessageContaining("app-4 was changed since");

        Cluster deleted = base.withoutServer("app-2");
        ClusterEdit d = ClusterEdit.between(base, deleted, "Deleted app-2");
        Cluster remade = deleted.withServer(Server.of("app-2", Role.APP, "10.0.1.99"));
        assertThatThrownBy(() -> d.undo(remade)).isInstanceOf(ClusterEdit.Conflict.class).hasMessageContaining("exists again");
    }

    @Test
    void theHistoryUndoesInOrderAndANewEditClearsRedo() throws Exception {
        UndoHistory h = new UndoHistory();
        Cluster one = base.withoutServer("app-1");
        h.record(ClusterEdit.between(base, one, "Deleted app-1"));
        Cluster two = one.withoutServer("app-2");
        h.record(ClusterEdit.between(one, two, "Deleted app-2"));
        h.record(ClusterEdit.between(two, two, "nothing")); // an edit that changed nothing is not kept
        assertThat(h.nextUndo().orElseThrow().what()).isEqualTo("Deleted app-2");
        Cluster back = h.undo(two);
        assertThat(back).isEqualTo(one);
        assertThat(h.nextRedo().orElseThrow().what()).isEqualTo("Deleted app-2");
        assertThat(h.undo(back)).isEqualTo(base);
        assertThat(h.nextUndo()).isEmpty();
        assertThat(h.redo(base)).isEqualTo(one);
        h.record(ClusterEdit.between(one, one.withoutServer("db-1"), "Deleted db-1"));
        assertThat(h.nextRedo()).isEmpty();
    }

    @Test
    void aNewServerGoesInTheSlotOfItsRole() {
        Server app = Server.of("app-9", Role.APP, "10.0.1.19");
        assertThat(names(ServerPlacement.insert(base, app, 0))).containsExactly("lb-1", "app-9", "app-1", "app-2", "app-3", "db-1");
        assertThat(names(ServerPlacement.insert(base, app, 2))).containsExactly("lb-1", "app-1", "app-2", "app-9", "app-3", "db-1");
        assertThat(names(ServerPlacement.insert(base, app, 99))).containsExactly("lb-1", "app-1", "app-2", "app-3", "app-9", "db-1");
        Server db = Server.of("db-2", Role.DATABASE, "10.0.1.21");
        assertThat(names(ServerPlacement.insert(base, db, 0))).containsExactly("lb-1", "app-1", "app-2", "app-3", "db-2", "db-1");
        Cluster empty = new Cluster("e", base.app(), base.balancer(), List.of());
        assertThat(names(ServerPlacement.insert(empty, app, 3))).containsExactly("app-9");
    }

    private static List<String> names(Cluster c) {
        return c.servers().stream().map(Server::name).toList();
    }
}
