package dev.orrery.adopt.mup;

import java.util.Map;

/** Why a Meteor Up option has no place in Orrery, option by option. */
final class MupReasons {
    private MupReasons() {
    }

    static final String DOCKER = "Orrery runs the bundle with the server's own node under systemd (or its supervisor), not in Docker";
    static final String BUILD = "Orrery deploys a bundle you built (meteor build), with orrery deploy CLUSTER.json BUNDLE";
    static final String SSL = "mup ends TLS on each app server with certificate files from this computer; Orrery ends TLS at the "
            + "balancer: copy the certificate to the balancer and set balancer.tls (orrery import balancer reads it from a running nginx)";

    static final Map<String, String> TOP = Map.ofEntries(
            Map.entry("setupMongo", "Orrery does not install MongoDB; the app reaches its database through MONGO_URL"),
            Map.entry("setupNode", "Orrery runs the app with the node already on each server (your snapshot); it installs no Node.js"),
            Map.entry("nodeVersion", "Orrery runs the app with the node already on each server (your snapshot); it installs no Node.js"),
            Map.entry("setupPhantom", "Orrery installs no PhantomJS"),
            Map.entry("enableUploadProgressBar", "Orrery always shows upload progress"),
            Map.entry("deployCheckWaitTime", "Orrery's deploy waits for its health gate (rise healthy answers in a row from the health path), not a fixed time"),
            Map.entry("deployCheckPort", "Orrery's health gate asks the app's own port on each server"),
            Map.entry("app", BUILD),
            Map.entry("path", BUILD),
            Map.entry("buildOptions", BUILD),
            Map.entry("dockerImage", DOCKER),
            Map.entry("docker", DOCKER),
            Map.entry("volumes", "Docker volumes: Orrery runs no containers; keep data outside the release folders (/opt/APP/releases)"),
            Map.entry("log", "Docker's log driver: the app's output goes to journald or /opt/APP/log/app.log"),
            Map.entry("ssl", SSL),
            Map.entry("nginx", "settings of mup's own nginx container; Orrery renders the balancer's configuration"),
            Map.entry("hooks", "Orrery runs no local or remote hooks around a deploy"),
            Map.entry("plugins", "mup plugins have no counterpart in Orrery"),
            Map.entry("privateDockerRegistry", DOCKER),
            Map.entry("type", "Orrery finds out what a bundle is (Meteor bundle, Node app, jar) when it deploys it"));

    static final Map<String, String> ENV = Map.of(
            "UPSTART_UID", "Orrery runs the app as its own system user, named after the app",
            "HTTP_FORWARDED_COUNT", "Orrery sets it from the topology: 1 behind its balancer",
            "ORRERY_SERVER", "Orrery sets it on each server",
            "ORRERY_ADDRESS", "Orrery sets it on each server",
            "ORRERY_RELEASE", "Orrery sets it on each server");

    static final Map<String, String> PROXY = Map.ofEntries(
            Map.entry("domains", "Orrery's balancer answers every name; with TLS, balancer.tls.serverName names the site"),
            Map.entry("nginxServerConfig", "a file of nginx directives on this computer: import the live balancer (orrery import balancer) to keep them"),
            Map.entry("nginxLocationConfig", "a file of nginx directives on this computer: import the live balancer (orrery import balancer) to keep them"),
            Map.entry("shared", "settings of mup's shared proxy container, which Orrery replaces with its balancer"),
            Map.entry("letsEncryptEmail", "Orrery does not request Let's Encrypt certificates here; put a certificate on the balancer and set balancer.tls"),
            Map.entry("crt", SSL),
            Map.entry("key", SSL),
            Map.entry("forceSSL", "with balancer.tls set, Orrery always redirects port 80 to https"));
}
