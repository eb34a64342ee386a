package org.vanguard.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process's CPU time and highest resident memory through one phase, read from {@code /proc} on this machine
 * (pid 0: not measured, every figure -1).
 */
final class ProcessUsage {

    /** Linux's USER_HZ: {@code /proc/<pid>/stat} counts CPU time in hundredths of a second. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    record Sample(Instant at, long cpuTicks, long highestRssKib) {

        /** CPU time per message over the phase, in milliseconds. */
        double cpuMillisEach(long messages) {
            return cpuTicks * 1000.0 / CLOCK_TICKS_PER_SECOND / Math.max(1, messages);
        }
    }

    private final long pid;
    private final long cpuAtStart;
    private final AtomicLong highestRss = new AtomicLong(-1);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "process-usage");
        thread.setDaemon(true); // a phase that fails before stop() must not keep the harness alive
        return thread;
    });

    private ProcessUsage(long pid) {
        this.pid = pid;
        this.cpuAtStart = cpuTicks(pid);
        if (pid > 0) {
            sampler.scheduleAtFixedRate(
                    () -> highestRss.accumulateAndGet(rssKib(pid), Math::max), 0, 1, TimeUnit.SECONDS);
        }
    }

    static ProcessUsage start(long pid) {
        return new ProcessUsage(pid);
    }

    Sample stop() {
        Instant at = Instant.now();
        sampler.shutdownNow();
        if (pid <= 0) {
            return new Sample(at, -1, -1);
        }
        highestRss.accumulateAndGet(rssKib(pid), Math::max);
        return new Sample(at, cpuTicks(pid) - cpuAtStart, highestRss.get());
    }

    /** utime + stime, fields 14 and 15 of /proc/<pid>/stat (counted after the command's closing parenthesis). */
    private static long cpuTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKib(long pid) {
        return read(Path.of("/proc/" + pid + "/status"))
                .lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.replaceAll("[^0-9]", ""))
                .map(Long::parseLong)
                .findFirst()
                .orElse(-1L);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
