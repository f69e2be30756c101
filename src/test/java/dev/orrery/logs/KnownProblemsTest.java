package dev.orrery.logs;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Meteor, Node and nginx highlights: real lines each match theirs, and each explains itself in one line. */
class KnownProblemsTest {
    static final Map<String, String> APP = Map.of(
            "meteor-callback", "Exception in callback of async function: Error: Match failed [400]",
            "meteor-method", "Exception while invoking method 'tasks.insert' TypeError: Cannot read properties of undefined",
            "meteor-publication", "Exception from sub tasks id Xy7 Error: not authorized",
            "meteor-oplog-behind", "OplogObserveDriver: oplog fell too far behind (METEOR_OPLOG_TOO_FAR_BEHIND=2000), re-polling",
            "node-heap-oom", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
            "oom-kill", "Out of memory: Killed process 4242 (node) total-vm:1234kB, anon-rss:987kB",
            "app-crash-restart", "2024-03-01T12:00:05Z orrery-supervise: app pid 4242 exited with 137; restarting in 1s",
            "port-in-use", "Error: listen EADDRINUSE: address already in use 0.0.0.0:3000",
            "mongo-unreachable", "MongoServerSelectionError: connect ECONNREFUSED 10.0.1.9:27017");
    static final Map<String, String> NGINX = Map.of(
            "nginx-upstream-timeout", "2024/03/01 12:00:05 [error] 812#812: *3105 upstream timed out (110: Connection timed out) while reading response header from upstream",
            "nginx-no-live-upstreams", "2024/03/01 12:00:05 [error] 812#812: *3106 no live upstreams while connecting to upstream, client: 198.51.100.9",
            "nginx-upstream-refused", "2024/03/01 12:00:05 [error] 812#812: *3107 connect() failed (111: Connection refused) while connecting to upstream",
            "nginx-upstream-closed", "2024/03/01 12:00:05 [error] 812#812: *3108 upstream prematurely closed connection while reading response header",
            "nginx-worker-connections", "2024/03/01 12:00:05 [alert] 812#812: 4096 worker_connections are not enough");

    @Test
    void eachRealLineIsRecognisedAsItsProblem() {
        APP.forEach((id, line) -> assertThat(KnownProblems.find(LogSource.APP, line)).as(line).map(KnownProblem::id).contains(id));
        NGINX.forEach((id, line) -> assertThat(KnownProblems.find(LogSource.ERROR, line)).as(line).map(KnownProblem::id).contains(id));
    }

    @Test
    void ordinaryLinesAndOtherLogsAreLeftAlone() {
        assertThat(KnownProblems.find(LogSource.APP, "listening on 0.0.0.0:3000")).isEmpty();
        assertThat(KnownProblems.find(LogSource.APP, "2024-03-01T12:00:05Z orrery-supervise: started app pid 4242")).isEmpty();
        // an nginx message quoted in an app's output is not the balancer's problem; an access line is not an error line
        assertThat(KnownProblems.find(LogSource.APP, "no live upstreams")).isEmpty();
        assertThat(KnownProblems.find(LogSource.ACCESS, "GET /upstream timed out 200")).isEmpty();
        assertThat(KnownProblems.find(LogSource.DEPLOY, "Exception in callback")).isEmpty();
    }

    @Test
    void everyHighlightExplainsItselfInOneLine() {
        assertThat(KnownProblems.ALL).hasSize(APP.size() + NGINX.size());
        for (KnownProblem p : KnownProblems.ALL) {
            assertThat(p.explanation()).as(p.id()).isNotBlank().doesNotContain("\n").hasSizeLessThan(200);
            assertThat(p.title()).as(p.id()).isNotBlank();
            assertThat(KnownProblems.byId(p.id())).contains(p);
        }
    }
}
