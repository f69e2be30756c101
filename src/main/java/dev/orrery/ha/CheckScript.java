package dev.orrery.ha;

/**
 * keepalived's health check for the local balancer: any HTTP answer from it counts as alive (a
 * 502 means the app servers are down, which the other balancer cannot fix either); no answer
 * within 1.5 s is a failure. It asks over the balancer's private address, which nginx and HAProxy
 * listen on (every address on a droplet), so it also works inside a network namespace.
 */
final class CheckScript {

    private CheckScript() {
    }

    /** {@code address} is a validated IPv4 literal and {@code port} a number: nothing here needs quoting beyond them. */
    static String render(String program, String address, int port) {
        return """
                #!/bin/sh
                # Rendered by Orrery: is the local %s answering? Run by keepalived every second.
                exec curl -s -o /dev/null --max-time 1.5 %s
                """.formatted(program, dev.orrery.remote.Shell.quote("http://" + address + ":" + port + "/"));
    }
}
