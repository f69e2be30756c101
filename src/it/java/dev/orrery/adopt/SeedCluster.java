package dev.orrery.adopt;

import dev.orrery.it.Spawned;
import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Four test hosts set up the way the seed describes, by hand, before Orrery: three app servers
 * running the app as Meteor Up 0.x left it (the bundle in /opt/crater/app, its environment in
 * /opt/crater/config/env.sh, node listening on port 80, as root), one nginx balancer with a
 * hand-written site (ip_hash, private upstream addresses, the 80→443 redirect, SSL, proxy headers
 * and timeouts, /check-status), and the team's mup.json.
 *
 * <p>The seed's nginx was built with nginx_upstream_check_module. No package has it, so the
 * balancer here is stock nginx, which cannot load the module's two lines ({@code check …} and
 * {@code check_status}). The honest way to have both: nginx is started from the site without
 * those two lines (what it runs), then the seed's two lines are written into the file (what the
 * team's file says), exactly as on a balancer where the seed's configuration was copied onto a
 * stock nginx and the reload refused. Orrery reads the file as written (nginx -T fails, and the
 * import says why) and shows what a push does with the lines.
 */
final class SeedCluster implements AutoCloseable {
    static final String CHECK_LINE = "    check interval=750 rise=2 fall=2 timeout=1000 type=http;\n";
    static final String CHECK_STATUS = "        check_status;\n";

    final TestHosts hosts;
    final Path dir;
    final List<Spawned> apps = new ArrayList<>();
    String runningDump;

    SeedCluster() throws Exception {
        hosts = TestHosts.start(4);
        dir = hosts.scratch("adopt");
        for (int i = 0; i < 3; i++) {
            apps.add(startMupApp(hosts.get(i), "app-" + (i + 1)));
        }
        balancer();
    }

    TestHost lb() {
        return hosts.get(3);
    }

    TestHost app(int i) {
        return hosts.get(i);
    }

    /** The app as Meteor Up 0.x ran it: /opt/APP/app, /opt/APP/config/env.sh, node on port 80 as root. */
    private Spawned startMupApp(TestHost h, String name) throws IOException {
        Path app = Files.createDirectories(h.path("/opt/crater/app"));
        Files.writeString(app.resolve("main.js"), testApp());
        Path config = Files.createDirectories(h.path("/opt/crater/config"));
        Files.writeString(config.resolve("env.sh"), """
                #!/bin/bash
                export PORT=80
                export ROOT_URL=https://crater.io
                export MONGO_URL=mongodb://10.0.1.20:27017/crater
                export HTTP_FORWARDED_COUNT=1
                export SERVER=%s
                export VERSION=mup
                """.formatted(name));
        Spawned s = h.spawn("sh", "-c", ". /opt/crater/config/env.sh && cd /opt/crater/app && exec node main.js");
        dev.orrery.it.Wait.until(name + " listening on port 80", () -> h.sh("ss -Hltn 'sport = :80' | grep -q .").ok());
        return s;
    }

    private void balancer() throws IOException {
        TestHost lb = lb();
        Path ssl = Files.createDirectories(lb.path("/etc/nginx/ssl"));
        Sys.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=crater.io",
                "-keyout", ssl.resolve("crater.io.key").toString(), "-out", ssl.resolve("crater.io.crt").toString()).orThrow("openssl");
        Files.deleteIfExists(lb.path("/etc/nginx/sites-enabled/default"));
        Path site = lb.path("/etc/nginx/sites-enabled/crater");
        String withoutCheckModule = site(false);
        Files.writeString(site, withoutCheckModule);
        lb.exec("nginx").orThrow("nginx starting from the seed's site (without the check module's lines)");
        runningDump = lb.sh("nginx -T 2>/dev/null").orThrow("nginx -T of what runs").output();
        Files.writeString(site, site(true));
    }

    /** The seed's site, as its author wrote it; {@code checkModule}: with the module's two lines. */
    String site(boolean checkModule) {
        return """
                # crater.io: the balancer in front of the Meteor app servers (private network).
                upstream crater {
                    ip_hash;

                    server %s:80;
                    server %s:80;
                    server %s:80;
                %s}

                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      close;
                }

                server {
                    listen 0.0.0.0:80;
                    server_name crater.io;
                    return 301 https://$server_name$request_uri;
                }

                server {
                    # the seed says "spdy": every nginx since 1.9.5 refuses it; http2 took its place
                    listen 443 ssl http2;
                    server_name crater.io;

                    ssl_certificate /etc/nginx/ssl/crater.io.crt;
                    ssl_certificate_key /etc/nginx/ssl/crater.io.key;
                    ssl_session_cache shared:SSL:10m;
                    add_header Strict-Transport-Security "max-age=31536000";

                    location /check-status {
                %s
                        access_log   off;
                    }

                    location / {
                        proxy_pass http://crater;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $host;
                        proxy_set_header X-Real-IP $remote_addr;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-NginX-Proxy true;
                        proxy_redirect off;
                        proxy_read_timeout 3600s;
                        proxy_send_timeout 3600s;
                    }
                }
                """.formatted(app(0).address(), app(1).address(), app(2).address(), checkModule ? CHECK_LINE : "",
                checkModule ? CHECK_STATUS : "");
    }

    /** The team's mup.json, as Meteor Up's documentation showed it. */
    Path mupJson() throws IOException {
        String key = hosts.clientKey().toString();
        return Files.writeString(dir.resolve("mup.json"), """
                {
                  // Server authentication info
                  "servers": [
                    { "host": "%s", "username": "root", "pem": "%s" },
                    { "host": "%s", "username": "root", "pem": "%s" },
                    { "host": "%s", "username": "root", "pem": "%s" }
                  ],

                  // Install MongoDB in the server, does not destroy local MongoDB on future setup
                  "setupMongo": false,
                  // WARNING: Node.js is required! Only skip if you already have Node.js installed on server.
                  "setupNode": true,
                  "nodeVersion": "0.10.40",
                  "setupPhantom": false,
                  "enableUploadProgressBar": true,

                  // Application name (No spaces)
                  "appName": "crater",
                  // Location of app (local directory)
                  "app": "/home/josh/code/crater",

                  // Configure environment
                  "env": {
                    "PORT": 80,
                    "ROOT_URL": "https://crater.io",
                    "MONGO_URL": "mongodb://10.0.1.20:27017/crater",
                    "HTTP_FORWARDED_COUNT": 1
                  },

                  // Meteor Up checks if the app comes online just after the deployment
                  "deployCheckWaitTime": 15
                }
                """.formatted(app(0).address(), key, app(1).address(), key, app(2).address(), key));
    }

    /** A Meteor server bundle (bundle/main.js) of the same app that says it is {@code version}. */
    Path bundle(String version) throws Exception {
        Path src = Files.createDirectories(dir.resolve("bundle-" + version + "/bundle/programs/server"));
        Files.writeString(src.resolve("package.json"), "{\"name\":\"server\",\"version\":\"1.0.0\",\"private\":true}");
        Files.writeString(src.getParent().getParent().resolve("main.js"), "process.env.VERSION = '" + version + "';\n" + testApp());
        Path tar = dir.resolve(version + ".tar.gz");
        Sys.run("tar", "-czf", tar.toString(), "-C", dir.resolve("bundle-" + version).toString(), "bundle").orThrow("tar");
        return tar;
    }

    static String testApp() throws IOException {
        try (InputStream in = SeedCluster.class.getResourceAsStream("/testapp/server.js")) {
            if (in == null) {
                throw new IOException("testapp/server.js is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try {
            lb().exec("nginx", "-s", "quit");
        } finally {
            apps.forEach(Spawned::close);
            hosts.close();
        }
    }
}
