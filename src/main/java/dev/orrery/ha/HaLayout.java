package dev.orrery.ha;

import dev.orrery.model.Rules;

/**
 * Where failover's files live on a balancer. On a droplet keepalived reads
 * {@code /etc/keepalived/keepalived.conf} and runs under systemd; the scripts and the API token sit
 * in a root-only folder (keepalived's {@code enable_script_security} refuses scripts anybody else
 * could change). Tests on the test hosts have no systemd: Orrery starts keepalived itself, with its
 * pid files in the same folder.
 *
 * @param systemd true when systemd runs keepalived ({@code keepalived.service})
 */
public record HaLayout(String configPath, String dir, boolean systemd) {

    public HaLayout {
        Rules.filePath(configPath).ifPresent(m -> {
            throw new IllegalArgumentException("keepalived configuration path " + m);
        });
        Rules.filePath(dir).ifPresent(m -> {
            throw new IllegalArgumentException("failover folder " + m);
        });
    }

    /** Started by Orrery rather than systemd (tests, hosts without systemd). */
    public HaLayout(String configPath, String dir) {
        this(configPath, dir, false);
    }

    public static HaLayout droplet() {
        return new HaLayout("/etc/keepalived/keepalived.conf", "/etc/orrery/ha", true);
    }

    /** The droplet's paths, keepalived started by Orrery (test hosts). */
    public HaLayout withoutSystemd() {
        return new HaLayout(configPath, dir, false);
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

    /** Where a new configuration waits for {@code keepalived -t}, beside the live one (same file system: mv is atomic). */
    public String candidatePath() {
        return configPath + ".orrery-new";
    }

    /** keepalived's own pid file when Orrery starts it. */
    public String pidFile() {
        return dir + "/keepalived.pid";
    }

    /** keepalived's VRRP child's pid file when Orrery starts it. */
    public String vrrpPidFile() {
        return dir + "/vrrp.pid";
    }
}
