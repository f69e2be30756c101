package dev.orrery.bench;

import dev.orrery.model.Server;
import dev.orrery.provision.ProvisionRig;
import dev.orrery.provision.ProvisionStage;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * Orrery's own time from the start of a provision to the new server taking traffic through the
 * balancer, on the test hosts: the fake DigitalOcean API hands out a real test host as the
 * droplet, then SSH (host key recorded), the app check, the deploy of release v1 (upload,
 * install, start, health gate) and the nginx push run for real; the clock stops at the first
 * answer from the new server through nginx. The fake's create-action time (the "wait for boot"
 * stage: on DigitalOcean that is the cloud's time, not Orrery's) is subtracted. Each round starts
 * from a host with no app on it.
 * <p>
 * Run as root: {@code mvn -o -q test-compile -Pit && mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * && java -cp "target/test-classes:target/classes:$(cat cp.txt)" dev.orrery.bench.ProvisionToTrafficBenchmark [ROUNDS]}
 */
public final class ProvisionToTrafficBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Long> own = new ArrayList<>();
        try (ProvisionRig rig = new ProvisionRig()) {
            for (int i = 0; i < rounds; i++) {
                String name = "app-" + (3 + i);
                StageClock clock = new StageClock(name);
                long t0 = System.nanoTime();
                Server s = rig.workflow().run(rig.request(name), clock);
                dev.orrery.it.Wait.until(name + " to answer through the balancer", () -> rig.answersThroughBalancer(name, 20));
                long total = System.nanoTime() - t0;
                long boot = clock.bootNanos();
                own.add((total - boot) / 1_000_000);
                System.out.printf("round %d: %s in service and answering through nginx after %d ms; fake create action %d ms; Orrery's own %d ms%n",
                        i + 1, s.name(), total / 1_000_000, boot / 1_000_000, (total - boot) / 1_000_000);
                rig.retire(name);
            }
        }
        own.sort(Long::compare);
        System.out.printf("provision → traffic, Orrery's own time (fake create action subtracted), %d rounds: median %d ms, min %d ms, max %d ms%n",
                own.size(), own.get(own.size() / 2), own.get(0), own.get(own.size() - 1));
    }

    /** Times the "wait for boot" stage: from its step to the next one. */
    private static final class StageClock implements Progress {
        private final String boot;
        private final String afterBoot;
        private long bootStart, bootEnd;

        StageClock(String server) {
            boot = ProvisionStage.AWAIT_ACTIVE.label(server);
            afterBoot = ProvisionStage.ADDRESSES.label(server);
        }

        @Override
        public void step(String name) {
            if (name.equals(boot)) {
                bootStart = System.nanoTime();
            } else if (name.equals(afterBoot)) {
                bootEnd = System.nanoTime();
            }
        }

        long bootNanos() {
            return bootEnd - bootStart;
        }

        @Override
        public void fraction(double done) {
        }

        @Override
        public void log(String line) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
