package dev.orrery.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading HAProxy's {@code show stat} CSV: current sessions (column 4) and status (column 17). */
class HaproxyStatTest {
    static final String CSV = """
            # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight
            web,FRONTEND,,,3,9,262121,120,1,2,0,0,0,,,,,OPEN,
            crater,app-1,0,0,0,4,,40,1,2,,0,,0,0,0,0,DRAIN,1
            crater,app-2,0,0,2,5,,41,1,2,,0,,0,0,0,0,UP,1
            crater,app-3,0,0,,5,,41,1,2,,0,,0,0,0,0,DOWN,1
            crater,BACKEND,0,0,2,9,,81,1,2,0,0,,0,0,0,0,UP,2
            """;

    @Test
    void readsSessionsAndStatusOfOneServer() {
        assertThat(HaproxyRuntimeDrain.currentSessions(CSV, "crater", "app-1")).isZero();
        assertThat(HaproxyRuntimeDrain.currentSessions(CSV, "crater", "app-2")).isEqualTo(2);
        assertThat(HaproxyRuntimeDrain.currentSessions(CSV, "crater", "app-3")).isZero();
        assertThat(HaproxyRuntimeDrain.currentSessions(CSV, "crater", "app-9")).isEqualTo(-1);
        assertThat(HaproxyRuntimeDrain.field(CSV, "crater", "app-1", 17)).isEqualTo("DRAIN");
        assertThat(HaproxyRuntimeDrain.field(CSV, "crater", "app-3", 17)).isEqualTo("DOWN");
        assertThat(HaproxyRuntimeDrain.field(CSV, "other", "app-3", 17)).isEqualTo("?");
    }
}
