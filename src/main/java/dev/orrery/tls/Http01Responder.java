package dev.orrery.tls;

import dev.orrery.model.Acme;
import dev.orrery.model.BalancerKind;
import dev.orrery.proxy.BalancerCommands;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * HTTP-01 through the balancer's always-rendered {@code /.well-known/acme-challenge/} location:
 * with nginx the token is a file in Orrery's challenge folder; with HAProxy it is an entry added
 * to the token map through the runtime API ({@code add map}). Neither changes the configuration
 * or reloads anything. Before the CA is asked, Orrery fetches the token itself through the
 * balancer's public address on port 80, so a closed port is named at once.
 *
 * <p>For a failover pair the token is put on the other balancer too ({@code alsoOn}): the CA
 * fetches it through the reserved IP, which reaches whichever balancer is active, not
 * necessarily the one whose certificate is ordered.
 */
final class Http01Responder implements ChallengeResponder {
    private final Host host;
    private final List<Host> alsoOn;
    private final BalancerKind kind;
    private final BalancerLayout layout;
    private final String publicAddress;
    private final int httpPort;
    private final Duration timeout;

    Http01Responder(Host host, BalancerKind kind, BalancerLayout layout, String publicAddress, int httpPort, Duration timeout) {
        this(host, List.of(), kind, layout, publicAddress, httpPort, timeout);
    }

    Http01Responder(Host host, List<Host> alsoOn, BalancerKind kind, BalancerLayout layout, String publicAddress, int httpPort, Duration timeout) {
        this.host = host;
        this.alsoOn = List.copyOf(alsoOn);
        this.kind = kind;
        this.layout = layout;
        this.publicAddress = publicAddress;
        this.httpPort = httpPort;
        this.timeout = timeout;
    }

    @Override
    public Acme.Challenge type() {
        return Acme.Challenge.HTTP_01;
    }

    @Override
    public Published publish(String name, Challenge challenge, Progress progress) throws TlsException {
        Http01Challenge http = (Http01Challenge) challenge;
        String token = http.getToken();
        String answer = http.getAuthorization();
        if (!token.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new TlsException(TlsStep.HTTP01_PUBLISH, "the CA sent a token with characters a file name cannot hold: " + token);
        }
        List<Host> all = new java.util.ArrayList<>(List.of(host));
        all.addAll(alsoOn);
        java.util.Map<Host, Boolean> socats = new java.util.LinkedHashMap<>();
        for (Host h : all) {
            try {
                if (kind == BalancerKind.NGINX) {
                    h.write(answer.getBytes(StandardCharsets.US_ASCII), layout.acmeChallengeDir() + "/" + token, 0644);
                    socats.put(h, false);
                } else {
                    boolean socat = h.exec(BalancerCommands.hasSocat(), LineListener.IGNORE).ok();
                    socats.put(h, socat);
                    h.run(BalancerCommands.runtimeApi(layout.statsSocket(), "add map " + layout.acmeMap() + " " + token + " " + answer, socat),
                            progress::log);
                }
            } catch (RemoteException e) {
                socats.keySet().forEach(done -> remove(done, token, socats.get(done), progress));
                throw new TlsException(TlsStep.HTTP01_PUBLISH, "could not put the token on " + h.name() + ": " + e.getMessage(), true, e);
            }
            progress.log("http-01 token for " + name + " published on " + h.name());
        }
        return new Published() {
            @Override
            public void check(Progress p) throws TlsException {
                selfCheck(name, token, answer, p);
            }

            @Override
            public void close() {
                socats.forEach((h, socat) -> remove(h, token, socat, progress));
            }
        };
    }

    private void remove(Host h, String token, boolean socat, Progress progress) {
        try {
            if (kind == BalancerKind.NGINX) {
                h.exec(TlsCommands.remove(layout.acmeChallengeDir() + "/" + token), LineListener.IGNORE);
            } else {
                h.exec(BalancerCommands.runtimeApi(layout.statsSocket(), "del map " + layout.acmeMap() + " " + token, socat),
                        LineListener.IGNORE);
            }
        } catch (RemoteException | RuntimeException e) {
            progress.log("could not remove the http-01 token " + token + " on " + h.name() + ": " + e.getMessage());
        }
    }

    private void selfCheck(String name, String token, String answer, Progress progress) throws TlsException {
        String url = "http://" + name + "/.well-known/acme-challenge/" + token;
        String where = publicAddress + ":" + httpPort;
        try {
            String body = get(publicAddress, httpPort, name, "/.well-known/acme-challenge/" + token);
            if (!body.strip().equals(answer)) {
                throw new TlsException(TlsStep.HTTP01_SELF_CHECK, url + " (through " + where + ") did not answer with the token: got \""
                        + abbreviate(body) + "\". Is this balancer the one the name points at, and does it run Orrery's configuration?");
            }
            progress.log("the balancer answers the http-01 token for " + name + " on " + where);
        } catch (IOException e) {
            throw new TlsException(TlsStep.HTTP01_SELF_CHECK, "cannot fetch " + url + " through " + where + ": " + e.getMessage()
                    + ". The CA fetches it the same way, so port " + httpPort + " must be open to the internet"
                    + " (or use dns-01, which needs no open port)", true, e);
        }
    }

    /** A plain HTTP/1.0 GET with the name in the Host header (java.net.http will not set Host). */
    private String get(String address, int port, String hostName, String path) throws IOException, TlsException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + hostName + "\r\nUser-Agent: orrery-acme-check\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            String status = answer.lines().findFirst().orElse("");
            if (!status.matches("HTTP/1\\.[01] 200.*")) {
                throw new TlsException(TlsStep.HTTP01_SELF_CHECK, "http://" + hostName + path + " (through " + address + ":" + port
                        + ") answered \"" + abbreviate(status) + "\" instead of the token");
            }
            return end < 0 ? "" : answer.substring(end + 4);
        }
    }

    private static String abbreviate(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
