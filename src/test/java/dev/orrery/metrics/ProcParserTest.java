package dev.orrery.metrics;

import dev.orrery.deploy.AppLayout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * /proc and df as the sample command prints them, read from real Debian captures and Ubuntu
 * outputs written in the kernels' documented formats (captures/README.md says which is which).
 * Every expected figure is worked out by hand from the capture's lines, in the comments.
 */
class ProcParserTest {

    @Test
    void debianAppServerTenSecondsApart() {
        Reading a = Captures.reading("debian12/app-1.txt");
        Reading b = Captures.reading("debian12/app-2.txt");
        assertThat(b.cpus()).isEqualTo(2);
        assertThat(b.uptimeSeconds()).isEqualTo(2243.86);
        assertThat(b.load1()).isEqualTo(16.98);
        assertThat(b.memTotalKb()).isEqualTo(24_683_652);
        assertThat(b.app()).extracting(Reading.ProcessTimes::name).containsExactly("sh", "node");
        assertThat(b.fileSystems()).extracting(Reading.FileSystemUse::mount).containsExactly("/");

        Sample s = Sample.of("app-1", 1_000, Sample.Source.LOCAL, a, b);
        // cpu line deltas: user 1842, system 164, steal 1, idle 0 → every tick busy
        assertThat(s.get(Metric.CPU)).isCloseTo(100.0, within(0.001));
        assertThat(s.get(Metric.STEAL)).isCloseTo(100.0 / 2007, within(1e-6));
        // node: utime 11 → 41 over 2007 / 2 ticks per core
        assertThat(s.get(Metric.APP_CPU)).isCloseTo(100.0 * 30 / (2007 / 2.0), within(1e-6));
        assertThat(s.get(Metric.APP_RSS)).isEqualTo((1700 + 45408) * 1024.0);
        // MemTotal − MemAvailable
        assertThat(s.get(Metric.MEM_USED)).isEqualTo((24_683_652 - 23_293_164) * 1024.0);
        // vda sectors read +96, written +3880, over 10.03 s of uptime; loop and zram ignored
        assertThat(s.get(Metric.IO_READ)).isCloseTo(96 * 512 / 10.03, within(0.01));
        assertThat(s.get(Metric.IO_WRITE)).isCloseTo(3880 * 512 / 10.03, within(0.01));
        assertThat(s.get(Metric.NET_RX)).isZero(); // eth0 idle; lo and ifb excluded
        assertThat(s.get(Metric.DISK)).isCloseTo(100.0 * 23_023_776 / (23_023_776 + 83_367_136), within(1e-9));
        assertThat(s.get(Metric.DISK_SIZE)).isEqualTo(264_212_084 * 1024.0);
    }

    @Test
    void debianBalancerHasNoAppFigures() {
        Sample s = Sample.of("lb-1", 0, Sample.Source.SSH, Captures.reading("debian12/system-1.txt"), Captures.reading("debian12/system-2.txt"));
        // user +956, system +42, idle +2
        assertThat(s.get(Metric.CPU)).isCloseTo(99.8, within(1e-9));
        assertThat(s.get(Metric.APP_CPU)).isNaN();
        assertThat(s.get(Metric.APP_RSS)).isNaN();
    }

    @Test
    void ubuntu2204AppServer() {
        Reading a = Captures.reading("ubuntu2204/app-1.txt");
        Reading b = Captures.reading("ubuntu2204/app-2.txt");
        assertThat(b.cpus()).isEqualTo(1);
        assertThat(b.fileSystems()).extracting(Reading.FileSystemUse::mount).containsExactly("/", "/boot/efi");
        Sample s = Sample.of("app-1", 0, Sample.Source.SSH, a, b);
        // deltas: user 620, system 110, idle 240, iowait 2, softirq 6, steal 22 = 1000 ticks
        assertThat(s.get(Metric.CPU)).isCloseTo(75.8, within(1e-9));
        assertThat(s.get(Metric.STEAL)).isCloseTo(2.2, within(1e-9));
        assertThat(s.get(Metric.IOWAIT)).isCloseTo(0.2, within(1e-9));
        // node utime +350, stime +40 on one CPU of 1000 ticks
        assertThat(s.get(Metric.APP_CPU)).isCloseTo(39.0, within(1e-9));
        assertThat(s.get(Metric.APP_RSS)).isEqualTo((916 + 164_836) * 1024.0);
        assertThat(s.get(Metric.MEM_USED)).isEqualTo((1_003_776 - 532_194) * 1024.0);
        // vda only (its partitions vda1, vda14, vda15 are the same bytes; loop0/1 are snaps)
        assertThat(s.get(Metric.IO_READ)).isCloseTo(16 * 512 / 10.0, within(1e-6));
        assertThat(s.get(Metric.IO_WRITE)).isCloseTo(2408 * 512 / 10.0, within(1e-6));
        // eth0 + eth1, not lo
        assertThat(s.get(Metric.NET_RX)).isCloseTo((52_420 + 9_021) / 10.0, within(1e-6));
        assertThat(s.get(Metric.NET_TX)).isCloseTo((83_120 + 11_230) / 10.0, within(1e-6));
        // the fullest file system: / (not /boot/efi), as df's used / (used + available)
        assertThat(s.get(Metric.DISK)).isCloseTo(100.0 * 9_120_319 / (9_120_319 + 14_834_760), within(1e-9));
    }

    @Test
    void ubuntu1804DatabaseWithTheOldDiskstatsFormat() {
        Reading a = Captures.reading("ubuntu1804/system-1.txt");
        Reading b = Captures.reading("ubuntu1804/system-2.txt");
        assertThat(b.cpus()).isEqualTo(2);
        Sample s = Sample.of("db-1", 0, Sample.Source.SSH, a, b);
        // two CPUs: busy 808 + 187 + 9 + 20 of 3995 ticks
        assertThat(s.get(Metric.CPU)).isCloseTo(100.0 * 1024 / 3995, within(1e-9));
        // vda and vdb (11 counters each, kernel 4.15); sr0 is no disk Orrery counts
        assertThat(s.get(Metric.IO_WRITE)).isCloseTo(19_216 * 512 / 10.0, within(1e-6));
        // eth0 + eth1; lo and docker0 excluded
        assertThat(s.get(Metric.NET_RX)).isCloseTo((12_012 + 1_402_233) / 10.0, within(1e-6));
        assertThat(s.get(Metric.SWAP_TOTAL)).isEqualTo(2_097_148 * 1024.0);
        assertThat(s.get(Metric.SWAP_USED)).isZero();
        assertThat(s.get(Metric.DISK)).isCloseTo(100.0 * 70_133_050 / 77_064_612, within(1e-9));
        assertThat(s.get(Metric.DISK)).isGreaterThan(85); // what the default disk rule fires on
    }

    @Test
    void theFirstReadingHasLevelsButNoRates() {
        Sample s = Sample.of("app-1", 0, Sample.Source.SSH, null, Captures.reading("ubuntu2204/app-1.txt"));
        assertThat(s.get(Metric.MEM_TOTAL)).isEqualTo(1_003_776 * 1024.0);
        assertThat(s.get(Metric.LOAD1)).isEqualTo(0.41);
        assertThat(s.get(Metric.CPU)).isNaN();
        assertThat(s.get(Metric.NET_RX)).isNaN();
        assertThat(s.get(Metric.APP_CPU)).isNaN();
    }

    @Test
    void aRebootOrARestartedAppMakesRatesUnknownNotNegative() {
        Reading a = Captures.reading("ubuntu2204/app-2.txt");
        Reading b = Captures.reading("ubuntu2204/app-1.txt"); // uptime went back: a reboot
        Sample rebooted = Sample.of("app-1", 0, Sample.Source.SSH, a, b);
        assertThat(rebooted.get(Metric.CPU)).isNaN();
        assertThat(rebooted.get(Metric.IO_READ)).isNaN();
        assertThat(rebooted.get(Metric.MEM_USED)).isPositive();

        Reading first = Captures.reading("debian12/app-1.txt");
        Reading second = Captures.reading("debian12/app-2.txt");
        Reading restarted = new Reading(second.uptimeSeconds(), second.cpuTicks(), second.cpus(), second.load1(), second.load5(),
                second.load15(), second.memTotalKb(), second.memAvailableKb(), second.swapTotalKb(), second.swapFreeKb(),
                second.diskSectors(), second.netBytes(), second.fileSystems(),
                List.of(new Reading.ProcessTimes(31_000, "node", 229_000, 5, 40_000)));
        Sample s = Sample.of("app-1", 0, Sample.Source.SSH, first, restarted);
        assertThat(s.get(Metric.APP_CPU)).isNaN(); // another process: no delta to take
        assertThat(s.get(Metric.APP_RSS)).isEqualTo(40_000 * 1024.0);
    }

    @Test
    void aProcessNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        List<String> lines = new java.util.ArrayList<>(Captures.lines("ubuntu2204/app-1.txt"));
        int at = lines.indexOf("==> /proc/815/stat <==") + 1;
        lines.set(at, lines.get(at).replace("(node)", "(node (worker) 1)"));
        Reading r = ProcParser.parse(lines);
        assertThat(r.app()).filteredOn(p -> p.pid() == 815).singleElement()
                .satisfies(p -> {
                    assertThat(p.name()).isEqualTo("node (worker) 1");
                    assertThat(p.cpuTicks()).isEqualTo(201_133 + 21_001);
                    assertThat(p.startTicks()).isEqualTo(8_814);
                    assertThat(p.rssKb()).isEqualTo(164_824);
                });
    }

    @Test
    void outputThatIsNotLinuxIsRefusedWithAReason() {
        assertThatThrownBy(() -> ProcParser.parse(List.of("sh: 1: head: not found")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/proc/stat");
    }

    @Test
    void theCommandReadsEverythingInTwoProcessesAndQuotesItsPaths() {
        String app = SampleCommand.app(new AppLayout("/srv/apps", "crater")).line();
        assertThat(app).contains("read -r p < /srv/apps/crater/run/app.pid")
                .contains("/sys/fs/cgroup/system.slice/orrery-crater.service/cgroup.procs")
                .contains("o /proc/uptime; o /proc/loadavg; o /proc/net/dev")
                .contains("< /proc/meminfo").contains("< /proc/diskstats").contains("< /proc/$q/status")
                .contains("df -PkTl");
        // df and the shell: nothing else is started (no head, cat, grep, awk, sed)
        assertThat(app).doesNotContain("head ").doesNotContain("cat ").doesNotContain("awk").doesNotContain("grep").doesNotContain("sed ");
        assertThat(app).as("dash's echo reads backslashes: file lines go through printf").doesNotContain("echo \"$");
        assertThat(SampleCommand.system().line()).doesNotContain("app.pid");
    }

    /** The command through this machine's real /bin/sh, its app the pid file naming this JVM: what the parser needs, and little else. */
    @Test
    void theCommandOnThisMachineGivesEverythingTheParserReadsAndSkipsTheRest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        AppLayout layout = new AppLayout(dir.toString(), "crater");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(layout.runDir()));
        long pid = ProcessHandle.current().pid();
        java.nio.file.Files.writeString(java.nio.file.Path.of(layout.runDir(), "app.pid"), pid + "\n");
        List<String> lines = new java.util.ArrayList<>();
        dev.orrery.remote.ExecResult r = new dev.orrery.remote.LocalHost("here").exec(SampleCommand.app(layout), lines::add);
        assertThat(r.ok()).as(String.join("\n", lines)).isTrue();
        Reading reading = ProcParser.parse(lines);
        assertThat(reading.memTotalKb()).isPositive();
        assertThat(reading.memAvailableKb()).isPositive();
        assertThat(reading.uptimeSeconds()).isPositive();
        assertThat(reading.fileSystems()).isNotEmpty();
        assertThat(reading.app()).first().satisfies(p -> {
            assertThat(p.pid()).isEqualTo(pid);
            assertThat(p.rssKb()).isPositive();
            assertThat(p.cpuTicks()).isPositive();
        });
        assertThat(lines).as("of meminfo only the seven lines read").filteredOn(l -> l.startsWith("Mem") || l.startsWith("Swap")
                || l.startsWith("Buffers") || l.startsWith("Cached") || l.startsWith("Active")).hasSizeLessThanOrEqualTo(7);
        assertThat(lines).as("of status only VmRSS").noneMatch(l -> l.startsWith("VmPeak") || l.startsWith("Threads"));
        assertThat(lines).noneMatch(l -> l.matches("\\d+ \\d+ loop\\d+ .*"));
    }
}
