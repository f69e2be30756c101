package dev.orrery.ui.main;

import dev.orrery.adopt.BalancerDiffs;
import dev.orrery.engine.AdoptJobs;
import dev.orrery.engine.Job;
import dev.orrery.engine.Orrery;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerLayout;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.ui.adopt.ProxyDiffView;
import dev.orrery.ui.balancer.BalancerConfigDialog;
import dev.orrery.ui.job.JobDialog;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The balancer node's actions: show the configuration (for the sandbox, the file its nginx runs),
 * and push it as the engine's {@link PushProxyJob} in a {@link JobDialog}. Which balancer and
 * where its files live is the engine's wiring ({@code orrery.pushProxyJob}): a droplet over SSH,
 * the sandbox's nginx on this machine. For a droplet the dialog also shows what a push would change on
 * the live balancer (the engine's diff job, as {@code orrery diff-proxy}). Tests replace the jobs.
 */
public final class BalancerActions {
    private final Window owner;
    private final Orrery orrery;
    private final Background background;
    private final ClusterDocument document;
    private Function<Cluster, BalancerLayout> layout;
    private Function<Cluster, PushProxyJob> pushJob;
    /** What a push would change on the live balancer (null: not shown). */
    private Function<Cluster, Job<BalancerDiffs>> diffJob;

    BalancerActions(Window owner, Orrery orrery, Background background, ClusterDocument document) {
        this.owner = owner;
        this.orrery = orrery;
        this.background = background;
        this.document = document;
        this.layout = orrery::balancerLayout;
        this.pushJob = orrery::pushProxyJob;
        this.diffJob = c -> AdoptJobs.diffProxy(orrery, c);
    }

    public void setDiffJob(Function<Cluster, Job<BalancerDiffs>> diffJob) {
        this.diffJob = diffJob;
    }

    public void setLayout(Function<Cluster, BalancerLayout> layout) {
        this.layout = layout;
    }

    public void setPushJob(Function<Cluster, PushProxyJob> pushJob) {
        this.pushJob = pushJob;
    }

    public void showConfiguration() {
        Cluster c = document.cluster();
        if (c != null) {
            Callable<Optional<String>> running = () -> orrery.runningBalancerConfig(c);
            // The diff reads the live balancer over SSH: shown for a droplet, not the sandbox's local nginx
            // (whose running text the dialog already shows).
            boolean droplet = diffJob != null && !Sandbox.isSandbox(c) && c.balancerServer().isPresent();
            BalancerConfigDialog.show(owner, background, c, layout, running, this::push,
                    droplet ? () -> new ProxyDiffView(orrery.engine(), diffJob.apply(c)) : null);
        }
    }

    /** Pushes the cluster as it is now; a cluster that cannot be pushed is refused before any job starts, saying why. */
    public JobDialog push() {
        Cluster c = document.cluster();
        if (c == null) {
            return null;
        }
        PushProxyJob job;
        try {
            job = pushJob.apply(c);
        } catch (RuntimeException refused) {
            document.say("Push refused: " + firstLine(refused.getMessage()));
            WindowAlerts.error(owner, "The balancer configuration cannot be pushed", refused.getMessage());
            return null;
        }
        return JobDialog.run(owner, orrery.engine(), job, "The push", "push", (live, error) -> {
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
