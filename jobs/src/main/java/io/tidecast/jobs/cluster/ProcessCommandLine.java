package io.tidecast.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The full command line of a process: /proc on Linux (Java's ProcessHandle.Info often leaves it out), else what Java knows. */
public final class ProcessCommandLine {
    private ProcessCommandLine() {}

    public static String of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.isReadable(proc)) return new String(Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            // gone or not ours to read: fall back
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
    }
}
