package dev.orrery.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One droplet (or sandbox process) in the cluster.
 *
 * @param sshKey     a key file path, or {@code agent} for the ssh-agent; null means the defaults
 * @param provider   {@code digitalocean}, {@code sandbox} or {@code manual}
 * @param dropletId  the provider's id, null for servers Orrery did not make
 * @param release    the release id live on this server, null before the first deploy
 */
public record Server(String name, Role role, String publicAddress, String privateAddress,
                     String sshUser, int sshPort, String sshKey,
                     String provider, String dropletId, String region, String size,
                     ServerState state, String release) {

    public Server {
        Objects.requireNonNull(role, "role");
        state = state != null ? state : ServerState.NEW;
    }

    @JsonCreator
    static Server fromJson(@JsonProperty("name") String name,
                           @JsonProperty("role") Role role,
                           @JsonProperty("publicAddress") String publicAddress,
                           @JsonProperty("privateAddress") String privateAddress,
                           @JsonProperty("sshUser") String sshUser,
                           @JsonProperty("sshPort") Integer sshPort,
                           @JsonProperty("sshKey") String sshKey,
                           @JsonProperty("provider") String provider,
                           @JsonProperty("dropletId") String dropletId,
                           @JsonProperty("region") String region,
                           @JsonProperty("size") String size,
                           @JsonProperty("state") ServerState state,
                           @JsonProperty("release") String release) {
        return new Server(name, role != null ? role : Role.APP, publicAddress, privateAddress,
                sshUser != null ? sshUser : "root", sshPort != null ? sshPort : 22, sshKey,
                provider != null ? provider : "manual", dropletId, region, size, state, release);
    }

    /** A new server with Orrery's defaults for everything but its name, role and address. */
    public static Server of(String name, Role role, String address) {
        return fromJson(name, role, address, address, null, null, null, null, null, null, null, null, null);
    }

    /** The address the balancer and probes use: the private one where there is one (the seed does so). */
    @JsonIgnore
    public String internalAddress() {
        return privateAddress != null && !privateAddress.isBlank() ? privateAddress : publicAddress;
    }

    public Server withName(String v) {
        return new Server(v, role, publicAddress, privateAddress, sshUser, sshPort, sshKey, provider, dropletId, region, size, state, release);
    }

    public Server withAddresses(String pub, String priv) {
        return new Server(name, role, pub, priv, sshUser, sshPort, sshKey, provider, dropletId, region, size, state, release);
    }

    public Server withSsh(String user, int port, String key) {
        return new Server(name, role, publicAddress, privateAddress, user, port, key, provider, dropletId, region, size, state, release);
    }

    public Server withProvider(String prov, String droplet, String reg, String sz) {
        return new Server(name, role, publicAddress, privateAddress, sshUser, sshPort, sshKey, prov, droplet, reg, sz, state, release);
    }

    public Server withState(ServerState v) {
        return new Server(name, role, publicAddress, privateAddress, sshUser, sshPort, sshKey, provider, dropletId, region, size, v, release);
    }

    public Server withRelease(String v) {
        return new Server(name, role, publicAddress, privateAddress, sshUser, sshPort, sshKey, provider, dropletId, region, size, state, v);
    }
}
