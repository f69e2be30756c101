package dev.orrery.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orrery.model.Rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DigitalOcean's Cloud Firewalls API, the part Orrery needs: list, find by name, read, create,
 * replace (PUT sends the whole firewall) and delete. Goes through the client's transport: the
 * same token, deadlines and safe retries. A create is not repeated after an ambiguous failure
 * (a second firewall of the same name would be made): the caller finds it by name instead.
 */
public final class Firewalls {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ApiTransport api;
    private final DigitalOceanClient client;

    Firewalls(ApiTransport api, DigitalOceanClient client) {
        this.api = api;
        this.client = client;
    }

    /**
     * Reads the firewall until its rules are on every droplet it covers ({@code succeeded}, nothing
     * pending); throws when it {@code failed}, on timeout or cancel.
     */
    public CloudFirewall awaitSettled(String id, java.time.Duration timeout, dev.orrery.task.Progress progress) {
        java.time.Instant deadline = client.clock().instant().plus(timeout);
        while (true) {
            progress.checkCancelled();
            CloudFirewall f = get(id).orElseThrow(() -> new CloudException("firewall " + id + " is gone"));
            if (f.settled()) {
                return f;
            }
            if ("failed".equals(f.status())) {
                throw new CloudException("DigitalOcean could not apply firewall " + f.name() + " (status failed)");
            }
            if (!client.clock().instant().isBefore(deadline)) {
                throw new CloudTimeoutException("firewall " + f.name() + " still " + f.status() + " on " + f.pending().size()
                        + " droplet(s) after " + timeout.toSeconds() + " s", false, null);
            }
            client.pause();
        }
    }

    public List<CloudFirewall> list() {
        List<CloudFirewall> out = new ArrayList<>();
        for (JsonNode n : api.list(api.url("v2/firewalls"), "firewalls")) {
            out.add(CloudFirewall.read(n));
        }
        return out;
    }

    /** The firewall called {@code name}, if the account has one (names are not unique to the API: the first one). */
    public Optional<CloudFirewall> findByName(String name) {
        return list().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<CloudFirewall> get(String id) {
        try {
            return Optional.of(CloudFirewall.read(api.get(api.url("v2/firewalls/" + id(id))).get("firewall")));
        } catch (CloudException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates it (202: its rules reach the droplets shortly after; see {@link CloudFirewall#settled()}). */
    public CloudFirewall create(CloudFirewall wanted) {
        checkName(wanted.name());
        try {
            return CloudFirewall.read(api.post(api.url("v2/firewalls"), wanted.toJson(), false).get("firewall"));
        } catch (CloudException e) {
            return AmbiguousCreate.lookUp(e, "firewall", wanted.name(), () -> findByName(wanted.name()));
        }
    }

    /** Puts {@code wanted} in place of firewall {@code id}: its rules, tags and droplets, all of them. */
    public CloudFirewall replace(String id, CloudFirewall wanted) {
        checkName(wanted.name());
        return CloudFirewall.read(api.put(api.url("v2/firewalls/" + id(id)), wanted.toJson()).get("firewall"));
    }

    /** True when deleted, false when there was no such firewall. */
    public boolean delete(String id) {
        return api.delete(api.url("v2/firewalls/" + id(id)));
    }

    private static void checkName(String name) {
        Rules.cloudFirewallName(name).ifPresent(p -> {
            throw new IllegalArgumentException("firewall name " + p);
        });
    }

    private static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("firewall id \"" + dev.orrery.model.SafeText.escapeControls(String.valueOf(id)) + "\" is not a firewall UUID");
        }
        return id;
    }
}
