package dev.orrery.ui.main;

import dev.orrery.engine.Orrery;
import dev.orrery.engine.PushProxyJob;
import dev.orrery.model.Cluster;
import dev.orrery.proxy.BalancerLayout;
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
 * the sandbox's nginx on this machine. Tests replace the job ({@link #setPushJob}).
 */
public final class BalancerActions {
    private final Window owner;
    private final Orrery orrery;
    private final Background background;
    private final ClusterDocument document;
    private Function<Cluster, BalancerLayout> layout;
    private Function<Cluster, PushProxyJob> pushJob;

    BalancerActions(Window owner, Orrery orrery, Background background, ClusterDocument document) {
        this.owner = owner;
        this.orrery = orrery;
        this.background = background;
        this.document = document;
        this.layout = orrery::balancerLayout;
        this.pushJob = orrery::pushProxyJob;
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
            BalancerConfigDialog.show(owner, background, c, layout, running, this::push);
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
