package dev.orrery.ui.live;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.health.HealthTargets;
import dev.orrery.model.Server;

/**
 * The look of a server the live state does not have yet (a node drawn in the same moment its
 * cluster arrives): the one function applied to the file alone, a watched server counted as
 * watched, so it says "checking", never "ready".
 */
public final class FileLook {
    private FileLook() {
    }

    public static Look of(Server server) {
        ServerLive fromFile = ServerLive.of(server.name(), server.role(), server.state())
                .withLifecycle(server.state(), false, HealthTargets.isProbed(server), server.release(), null);
        return ServerLook.of(fromFile, System.currentTimeMillis());
    }
}
