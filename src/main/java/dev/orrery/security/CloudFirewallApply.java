package dev.orrery.security;

import dev.orrery.cloud.CloudException;
import dev.orrery.cloud.CloudFirewall;
import dev.orrery.cloud.Firewalls;
import dev.orrery.cloud.Tags;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a {@link CloudFirewallPlan} in place on DigitalOcean, idempotently: the tags are made and
 * put on the droplets, then each firewall is found by its name and created, replaced or left as
 * it is when its rules already match. Once DigitalOcean says the rules are on every droplet,
 * Orrery logs in anew to each server they cover; if a login fails (the SSH allow-list misses
 * Orrery's own address), every firewall this run changed is put back as it was — Orrery reaches
 * the API whatever the firewall drops, so unlike the host firewall no watchdog is needed.
 */
public final class CloudFirewallApply {

    /** Logs in to {@code server} over a new connection: the proof that the new rules let Orrery in. */
    @FunctionalInterface
    public interface FreshLogin {
        void check(String server) throws RemoteException;
    }

    /** What happened to one firewall: {@code created}, {@code updated}, {@code unchanged}, or {@code rolled back}. */
    public record Change(String firewall, String what) {
    }

    public record Outcome(boolean applied, List<Change> changes, String detail) {
    }

    private final Duration settle;

    /** @param settle how long DigitalOcean may take to put the rules on the droplets */
    public CloudFirewallApply(Duration settle) {
        this.settle = settle;
    }

    public Outcome apply(Firewalls firewalls, Tags tags, CloudFirewallPlan plan, FreshLogin login, Progress progress) {
        if (plan.isEmpty()) {
            return new Outcome(true, List.of(), "no DigitalOcean droplets: no Cloud Firewall needed");
        }
        progress.step("cloud firewall · tags");
        for (String t : plan.tagsNamed()) {
            tags.create(t);
        }
        for (CloudFirewallPlan.Tagging t : plan.tagging()) {
            tags.tagDroplets(t.tag(), t.dropletIds());
            progress.log("tagged " + String.join(", ", t.servers()) + " " + t.tag());
        }
        // What each firewall was before this run, to put back: null for one this run created.
        List<CloudFirewall> before = new ArrayList<>();
        List<CloudFirewall> touched = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (CloudFirewallPlan.Wanted w : plan.firewalls()) {
            String name = w.firewall().name();
            progress.step("cloud firewall · " + name);
            Optional<CloudFirewall> existing = firewalls.findByName(name);
            if (existing.isPresent() && existing.get().sameAs(w.firewall())) {
                changes.add(new Change(name, "unchanged"));
                progress.log(name + ": already as planned");
                continue;
            }
            CloudFirewall now = existing.isPresent() ? firewalls.replace(existing.get().id(), keepDroplets(w.firewall(), existing.get()))
                    : firewalls.create(w.firewall());
            before.add(existing.orElse(null));
            touched.add(now);
            changes.add(new Change(name, existing.isPresent() ? "updated" : "created"));
            progress.log(name + ": " + (existing.isPresent() ? "updated" : "created") + " (" + now.id() + ")");
        }
        if (touched.isEmpty()) {
            return new Outcome(true, changes, "every Cloud Firewall was already as planned");
        }
        try {
            for (CloudFirewall f : touched) {
                progress.step("cloud firewall · wait until " + f.name() + " is on its droplets");
                firewalls.awaitSettled(f.id(), settle, progress);
            }
            for (CloudFirewallPlan.Wanted w : plan.firewalls()) {
                for (String server : w.servers()) {
                    progress.step("cloud firewall · log in anew to " + server);
                    login.check(server);
                }
            }
        } catch (RemoteException | CloudException e) {
            progress.log("putting the Cloud Firewalls back as they were: " + e.getMessage());
            List<Change> back = rollBack(firewalls, before, touched, progress);
            return new Outcome(false, back, (e instanceof RemoteException ? "a new SSH login failed through the Cloud Firewall ("
                    : "the Cloud Firewall did not settle (") + e.getMessage() + "); the previous firewalls were put back");
        }
        return new Outcome(true, changes, "applied; Orrery still logs in to every server");
    }

    /** Droplets someone added to the firewall by id stay on it: Orrery's own are selected by tag. */
    private static CloudFirewall keepDroplets(CloudFirewall wanted, CloudFirewall existing) {
        return new CloudFirewall(null, wanted.name(), null, wanted.inbound(), wanted.outbound(), existing.dropletIds(), wanted.tags(), List.of());
    }

    private static List<Change> rollBack(Firewalls firewalls, List<CloudFirewall> before, List<CloudFirewall> touched, Progress progress) {
        List<Change> out = new ArrayList<>();
        for (int i = touched.size() - 1; i >= 0; i--) {
            CloudFirewall was = before.get(i);
            CloudFirewall now = touched.get(i);
            if (was == null) {
                firewalls.delete(now.id());
            } else {
                firewalls.replace(now.id(), new CloudFirewall(null, was.name(), null, was.inbound(), was.outbound(), was.dropletIds(), was.tags(), List.of()));
            }
            progress.log(now.name() + ": " + (was == null ? "deleted again" : "put back as it was"));
            out.add(new Change(now.name(), "rolled back"));
        }
        return out;
    }
}
