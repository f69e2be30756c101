package dev.orrery.engine;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.TokenStore;
import dev.orrery.cloud.TokenStores;
import dev.orrery.provision.Seams;
import dev.orrery.provision.SshBannerReadiness;
import dev.orrery.store.OrreryHome;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Puts the cloud workflows together: the DigitalOcean provider from the settings, the
 * environment and the stored token, and the seams to the other workflows.
 * <p>
 * The deploy and balancer-push seams are wired to the deploy and proxy workflows when those are
 * merged; until then they refuse with a clear message (and the provision undoes itself), so a
 * provision by the command line completes only for a cluster with no release and no balancer.
 */
public final class CloudWiring {
    private CloudWiring() {
    }

    public static ApiToken token(OrreryHome home, Map<String, String> env) throws IOException {
        return TokenStore.resolve(env, TokenStores.forThisSystem(home)).orElseThrow(() -> new IllegalStateException(
                "no DigitalOcean token: set DIGITALOCEAN_TOKEN, or save one with `orrery token set` (kept in "
                        + TokenStores.forThisSystem(home).describe() + ")"));
    }

    public static DigitalOceanProvider provider(OrreryHome home, Map<String, String> env) throws IOException {
        CloudSettings settings = CloudSettings.load(home);
        return new DigitalOceanProvider(new DigitalOceanClient(settings.config(env), token(home, env)));
    }

    public static Seams.ProvisionSeams seams() {
        return new Seams.ProvisionSeams(
                new SshBannerReadiness(Duration.ofSeconds(3)),
                (cluster, server, progress) -> progress.log("server check skipped: it needs the remote layer, not wired in this build"),
                (cluster, server, release, progress) -> {
                    throw new UnsupportedOperationException("deploying " + release.id() + " is not wired in this build (the deploy workflow)");
                },
                balancer());
    }

    public static Seams.BalancerPusher balancer() {
        return (cluster, progress) -> {
            throw new UnsupportedOperationException("pushing the balancer configuration is not wired in this build (the proxy workflow)");
        };
    }
}
