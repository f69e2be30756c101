package dev.orrery.tls;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the certificate chain a balancer serves, from outside, as a browser would see it: a TLS
 * connection to its public address with the server name in SNI. It only reads; whether the chain
 * is the one just installed is decided by comparing serials. A fresh TLS context per look, so a
 * cached session never shows an old certificate.
 */
public final class ServedCertificate {
    private ServedCertificate() {
    }

    /** The leaf first, then the intermediates, as the server sent them. */
    public static List<X509Certificate> read(String address, int port, String serverName, Duration timeout) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{new ReadOnly()}, null);
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, serverName, port, false)) {
                    SSLParameters p = s.getSSLParameters();
                    p.setServerNames(List.of(new SNIHostName(serverName)));
                    s.setSSLParameters(p);
                    s.startHandshake();
                    List<X509Certificate> out = new ArrayList<>();
                    for (Certificate c : s.getSession().getPeerCertificates()) {
                        out.add((X509Certificate) c);
                    }
                    return out;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts any chain: this code reads what is served and judges it by serial, never sends data on it. */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
