package dev.orrery.health;

import dev.orrery.model.Rules;
import dev.orrery.model.Server;

import java.io.IOException;
import java.net.URI;

/** Probes go straight to {@code http://<internal address>:<app port><path>}. */
public final class DirectRoute implements ProbeRoute {

    @Override
    public String describe() {
        return "direct (from this machine to each server's internal address)";
    }

    @Override
    public URI target(Server server, int appPort, String path) throws IOException {
        return url(server.internalAddress(), appPort, path);
    }

    /** Builds the probe URL, refusing addresses and paths the model's rules refuse. */
    static URI url(String host, int port, String path) throws IOException {
        Rules.address(host).ifPresent(why -> {
            throw new IllegalArgumentException("address " + why);
        });
        Rules.port(port).ifPresent(why -> {
            throw new IllegalArgumentException("port " + why);
        });
        Rules.healthPath(path).ifPresent(why -> {
            throw new IllegalArgumentException("health path " + why);
        });
        String h = host.contains(":") ? "[" + host + "]" : host;
        try {
            return URI.create("http://" + h + ":" + port + path);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot build a URL for " + host + ":" + port + path + ": " + e.getMessage(), e);
        }
    }
}
