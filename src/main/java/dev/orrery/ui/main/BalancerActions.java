package dev.orrery.ui.main;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.proxy.ProxyConfig;
import dev.orrery.remote.HostResolver;
import dev.orrery.ui.balancer.BalancerConfigDialog;
import dev.orrery.ui.job.JobDialog;
import javafx.stage.Window;

import java.util.function.Function;

/**
 * The balancer node's actions: show the rendered configuration, push it as an engine job in a
 * {@link JobDialog}. What a push runs is a seam ({@link #setPushJob}): the app pushes over SSH
 * to the balancer server; tests push to a real nginx on this machine.
 */
public final class BalancerActions {
    private final Window owner;
    private final Engine engine;
    private final Background background;
    private final ClusterDocument document;
    private Function<Cluster, BalancerLayout> layout = c -> BalancerLayout.droplet(c.balancer().kind());
    private Function<Cluster, Job<ProxyConfig>> pushJob;
    /** What a push would change on the live balancer (null: not shown, as for the sandbox's local balancer). */
    private Function<Cluster, Job<dev.orrery.adopt.ProxyDiff>> diffJob;

    BalancerActions(Window owner, Engine engine, Background background, ClusterDocument document, HostResolver hosts) {
        this.owner = owner;
        this.engine = engine;
        this.background = background;
        this.document = document;
        this.pushJob = c -> PushProxyJob.forCluster(c, hosts);
        this.diffJob = c -> dev.orrery.engine.AdoptJobs.diffProxy(c, hosts);
    }

    public void setDiffJob(Function<Cluster, Job<dev.orrery.adopt.ProxyDiff>> diffJob) {
        this.diffJob = diffJob;
    }

    public void setLayout(Function<Cluster, BalancerLayout> layout) {
        this.layout = layout;
    }

    public void setPushJob(Function<Cluster, Job<ProxyConfig>> pushJob) {
        this.pushJob = pushJob;
    }

    public void showConfiguration() {
        Cluster c = document.cluster();
        if (c != null) {
            // The diff reads the live balancer over SSH: shown for a real one, not the sandbox's local process.
            boolean real = diffJob != null && c.balancerServer().filter(s -> !dev.orrery.sandbox.SandboxCluster.PROVIDER.equals(s.provider())).isPresent();
            BalancerConfigDialog.show(owner, background, c, layout, this::push,
                    real ? () -> new dev.orrery.ui.adopt.ProxyDiffView(engine, diffJob.apply(c)) : null);
        }
    }

    /** Pushes the cluster as it is now; an invalid cluster is refused before any job starts. */
    public JobDialog push() {
        Cluster c = document.cluster();
        if (c == null) {
            return null;
        }
        Job<ProxyConfig> job;
        try {
            job = pushJob.apply(c);
        } catch (RuntimeException refused) {
            job = new Job<>() {
                @Override
                public String title() {
                    return "Push balancer configuration for " + c.name();
                }

                @Override
                public ProxyConfig run(dev.orrery.task.Progress progress) {
                    throw refused;
                }
            };
        }
        return JobDialog.run(owner, engine, job, "The push", "push", (live, error) -> {
            if (error == null) {
                document.say("Balancer configuration " + live.fingerprint() + " is live");
            } else {
                document.say("Push failed: " + firstLine(error.getMessage()));
            }
        });
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
