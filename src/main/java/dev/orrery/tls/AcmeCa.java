package dev.orrery.tls;

import dev.orrery.model.Acme;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Where an ACME CA is: the cluster's {@code directory} word or URL turned into an acme4j
 * {@link Session} and into the URL the balancer's renewal script uses.
 */
public final class AcmeCa {
    /** Let's Encrypt's directories (what acme4j's {@code acme://letsencrypt.org} resolves to). */
    public static final String LETSENCRYPT_URL = "https://acme-v02.api.letsencrypt.org/directory";
    public static final String LETSENCRYPT_STAGING_URL = "https://acme-staging-v02.api.letsencrypt.org/directory";

    private AcmeCa() {
    }

    /** The directory URL for a cluster's {@code directory} setting. */
    public static String directoryUrl(String directory) {
        if (directory == null || directory.isEmpty() || directory.equals(Acme.LETSENCRYPT)) {
            return LETSENCRYPT_URL;
        }
        if (directory.equals(Acme.LETSENCRYPT_STAGING)) {
            return LETSENCRYPT_STAGING_URL;
        }
        return directory;
    }

    /** Words for the window and the command line: "Let's Encrypt", "Let's Encrypt (staging)" or the URL. */
    public static String describe(String directory) {
        String url = directoryUrl(directory);
        return url.equals(LETSENCRYPT_URL) ? "Let's Encrypt" : url.equals(LETSENCRYPT_STAGING_URL) ? "Let's Encrypt (staging)" : url;
    }

    /**
     * A session with the CA. The JDK's trusted roots are used, plus {@code trust}'s extra roots
     * (a test CA such as Pebble); the extra roots apply to this session only.
     */
    public static Session session(String directory, AcmeTrust trust) {
        SSLContext context = trust.sslContext();
        GenericAcmeProvider provider = new GenericAcmeProvider() {
            @Override
            protected HttpConnector createHttpConnector(NetworkSettings settings) {
                settings.setTimeout(Duration.ofSeconds(30));
                return new HttpConnector(settings) {
                    @Override
                    public HttpClient.Builder createClientBuilder() {
                        return super.createClientBuilder().sslContext(context);
                    }
                };
            }
        };
        return new Session(URI.create(directoryUrl(directory)), provider);
    }
}
