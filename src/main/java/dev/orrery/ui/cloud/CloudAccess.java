package dev.orrery.ui.cloud;

import dev.orrery.cloud.ApiToken;
import dev.orrery.cloud.CloudSettings;
import dev.orrery.cloud.DigitalOceanClient;
import dev.orrery.cloud.DigitalOceanProvider;
import dev.orrery.cloud.DropletTemplate;
import dev.orrery.cloud.Provider;
import dev.orrery.cloud.TokenStore;
import dev.orrery.cloud.TokenStores;
import dev.orrery.store.OrreryHome;

import java.io.IOException;
import java.util.Map;

/**
 * How the window reaches DigitalOcean: the API address from {@code DIGITALOCEAN_API_URL} or the
 * settings, the token from {@code DIGITALOCEAN_TOKEN} or the store. Every method blocks (disk,
 * keychain, network): call it through {@code Background} or from a job, never on the FX thread.
 */
public final class CloudAccess {
    private final OrreryHome home;
    private final Map<String, String> env;
    private final TokenStore store;

    public CloudAccess(OrreryHome home, Map<String, String> env, TokenStore store) {
        this.home = home;
        this.env = env;
        this.store = store;
    }

    public static CloudAccess forThisSystem(OrreryHome home) {
        return new CloudAccess(home, System.getenv(), TokenStores.forThisSystem(home));
    }

    public TokenStore store() {
        return store;
    }

    /** True when the token comes from the environment (then the stored one is not used). */
    public boolean tokenFromEnvironment() {
        String t = env.get(TokenStore.ENV);
        return t != null && !t.isBlank();
    }

    public Provider provider() throws IOException {
        ApiToken token = TokenStore.resolve(env, store).orElseThrow(() -> new IllegalStateException(
                "no DigitalOcean token: enter one in DigitalOcean settings (kept in " + store.describe() + ") or set DIGITALOCEAN_TOKEN"));
        return provider(token);
    }

    /** A provider with {@code token}, for checking a token before it is saved. */
    public Provider provider(ApiToken token) throws IOException {
        return new DigitalOceanProvider(new DigitalOceanClient(CloudSettings.load(home).config(env), token));
    }

    public DropletTemplate template(String cluster) throws IOException {
        return CloudSettings.load(home).template(cluster);
    }

    /** Keeps the choices as the cluster's template, so the next new droplet starts from them. */
    public void saveTemplate(String cluster, DropletTemplate t) throws IOException {
        CloudSettings.load(home).withTemplate(cluster, t).save(home);
    }
}
