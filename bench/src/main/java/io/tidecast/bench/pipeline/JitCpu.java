package io.tidecast.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's JIT compiler threads (HotSpot's {@code C1/C2 CompilerThreadN}), read from
 * {@code /proc/self/task}: the JVM hides them from {@link java.lang.management.ThreadMXBean}. The running total keeps
 * what every compiler thread used while it was seen, so a thread that the JVM retires (dynamic compiler threads) does
 * not make the total go backwards. Where there is no {@code /proc} (not Linux) every figure is NaN.
 */
final class JitCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** USER_HZ: the unit of utime and stime in {@code /proc}; 100 on every Linux the JVM supports. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final long RESCAN_NANOS = 1_000_000_000L;

    private final boolean available = Files.isDirectory(TASKS);
    /** Compiler thread id to its ticks when last read. */
    private final Map<String, Long> lastTicks = new HashMap<>();
    private long totalTicks;
    private long lastScan = Long.MIN_VALUE;

    /** CPU nanoseconds used by the JIT compiler threads since this meter was made (or NaN without {@code /proc}). */
    synchronized double nanos() {
        if (!available) return Double.NaN;
        long now = System.nanoTime();
        if (lastScan == Long.MIN_VALUE || now - lastScan > RESCAN_NANOS) {
            rescan();
            lastScan = now;
        }
        for (var e : lastTicks.entrySet()) {
            long t = ticks(e.getKey());
            if (t < 0) continue; // retired since the last scan
            totalTicks += Math.max(0, t - e.getValue());
            e.setValue(t);
        }
        return (double) totalTicks * NANOS_PER_TICK;
    }

    /** Finds compiler threads started since the last scan; a new one's ticks so far count as used now. */
    private void rescan() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String tid = task.getFileName().toString();
                if (lastTicks.containsKey(tid)) continue;
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    continue; // ended while listed
                }
                if (comm.contains("CompilerThre")) lastTicks.put(tid, 0L);
            }
        } catch (IOException e) {
            // the next call tries again
        }
        lastTicks.keySet().removeIf(tid -> !Files.exists(TASKS.resolve(tid)));
    }

    /** utime + stime of one thread, or -1 if it has ended. */
    private static long ticks(String tid) {
        String stat;
        try {
            stat = Files.readString(TASKS.resolve(tid).resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return -1;
        }
        // the command name may hold spaces: fields are counted after its closing parenthesis (state is field 3)
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (field 14), stime (field 15)
    }
}
