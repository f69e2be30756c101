package dev.orrery.provision;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.engine.Engine;
import dev.orrery.engine.JobEvent;
import dev.orrery.engine.JobHandle;
import dev.orrery.engine.ProvisionJob;
import dev.orrery.model.Server;
import dev.orrery.task.CancelledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provision as an engine job: its steps reach listeners, and the job handle's cancel undoes it. */
class ProvisionJobTest {
    private final FakeApiFixture f = new FakeApiFixture();
    private final Engine engine = new Engine();
    private final InMemoryClusterModel model = new InMemoryClusterModel(TestClusters.crater());
    private final FakeSeams fakes = new FakeSeams();
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();

    ProvisionJobTest() throws IOException {
        engine.addListener(events::add);
    }

    @AfterEach
    void stop() {
        engine.close();
        f.close();
    }

    @Test
    void cancelFromTheJobHandleWhileSshIsAwaitedLeavesNothingBehind() throws Exception {
        Seams.ProvisionSeams base = fakes.seams();
        // SSH never answers: the wait polls until the user cancels, as the real one does.
        Seams.SshReadiness neverUp = (server, timeout, progress) -> {
            // until the test cancels; 10 minutes only as a safety net (a loaded machine may take long to)
            for (int i = 0; i < 60_000; i++) {
                progress.checkCancelled();
                Thread.sleep(10);
            }
            throw new IllegalStateException("the test's cancel never arrived");
        };
        Seams.ProvisionSeams seams = new Seams.ProvisionSeams(neverUp, base.check(), base.deployer(), base.balancer());
        ProvisionWorkflow wf = new ProvisionWorkflow(f.provider(), model, seams, ProvisionTimeouts.DEFAULT);
        JobHandle<Server> job = engine.submit(new ProvisionJob(wf,
                new ProvisionRequest("app-2", TestClusters.template(f.fake.baseImage().id()), "root", null), "crater"));
        org.awaitility.Awaitility.await("the job to wait for SSH").atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> events.stream().anyMatch(e -> e instanceof JobEvent.Step s && s.name().startsWith("Wait for SSH")));
        assertThat(f.fake.droplets()).hasSize(1);
        job.cancel();
        assertThatThrownBy(() -> job.result().get(5, TimeUnit.MINUTES))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CancelledException.class);
        assertThat(f.fake.droplets()).isEmpty();
        assertThat(model.current()).isEqualTo(TestClusters.crater());
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(JobEvent.Finished.class,
                fin -> assertThat(fin.cancelled()).isTrue()));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(JobEvent.Step.class,
                s -> assertThat(s.name()).isEqualTo("Undo: remove app-2")));
    }
}
