package dev.orrery.ha;

import dev.orrery.model.Rules;

/**
 * Where failover's files live on a balancer. On a droplet keepalived reads
 * {@code /etc/keepalived/keepalived.conf}; the scripts and the API token sit in a root-only
 * folder (keepalived's {@code enable_script_security} refuses scripts anybody else could change).
 * Tests on the test hosts use another root.
 */
public record HaLayout(String configPath, String dir) {

    public HaLayout {
        Rules.filePath(configPath).ifPresent(m -> {
            throw new IllegalArgumentException("keepalived configuration path " + m);
        });
        Rules.filePath(dir).ifPresent(m -> {
            throw new IllegalArgumentException("failover folder " + m);
        });
    }

    public static HaLayout droplet() {
        return new HaLayout("/etc/keepalived/keepalived.conf", "/etc/orrery/ha");
    }

    public String notifyScript() {
        return dir + "/notify.sh";
    }

    public String checkScript() {
        return dir + "/check.sh";
    }

    /** The DigitalOcean token, 0600, owned by root. */
    public String tokenFile() {
        return dir + "/do-token";
    }

    /** The notify script's last outcome, for Orrery to show which balancer holds the address. */
    public String stateFile() {
        return dir + "/state";
    }
}
