package dev.orrery.deploy;

import dev.orrery.model.Server;
import dev.orrery.remote.Host;

/** One app server during a rollout: its connection, how its app is run, and what was live before. */
final class ServerTarget {
    final Server server;
    final Host host;
    final ReleaseCommands commands;
    ServiceManager service;
    /** The release {@code current} pointed at before this rollout; null before the first deploy. */
    String previous;

    ServerTarget(Server server, Host host, ReleaseCommands commands) {
        this.server = server;
        this.host = host;
        this.commands = commands;
    }

    String name() {
        return server.name();
    }
}
