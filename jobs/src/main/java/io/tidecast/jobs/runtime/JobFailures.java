package io.tidecast.jobs.runtime;

import java.nio.file.Path;

/**
 * Turns a failed job's exception chain into one line when the cause is the environment the user controls (a full
 * disk, a checkpoint directory that went away or became unwritable), instead of a page of Flink stack trace.
 */
public final class JobFailures {
    private JobFailures() {}

    /** The one-line explanation, or null when the failure is not one of these (then the full trace is the better report). */
    public static String oneLine(Throwable failure, Path checkpoints) {
        Throwable root = failure;
        boolean checkpointing = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left on device")) {
                return "the disk is full (" + firstLine(m) + "); free space" + (checkpoints == null ? "" : " in " + checkpoints.toAbsolutePath())
                        + " and run the same command again to resume";
            }
            checkpointing |= m.toLowerCase(java.util.Locale.ROOT).contains("checkpoint");
            root = t;
        }
        if (checkpoints != null && (checkpointing || String.valueOf(root.getMessage()).contains(checkpoints.toAbsolutePath().toString()))
                && root instanceof java.io.IOException) {
            return "checkpoints cannot be written to " + checkpoints.toAbsolutePath() + " (" + root.getClass().getSimpleName() + ": "
                    + firstLine(String.valueOf(root.getMessage())) + "); make it writable with free space, or choose another --checkpoints DIR";
        }
        return null;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
