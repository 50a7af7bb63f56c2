package io.tidecast.jobs.runtime;

import io.tidecast.jobs.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Savepoints of the forecasting job: a clean stop writes one ({@code stop-with-savepoint}: sources stop, the last
 * Kafka transaction commits, then the state is written), and a start can restore one, at any parallelism up to
 * the job's fixed maximum (key groups keep their state when they move between parallel instances).
 */
public final class Savepoints {
    private Savepoints() {}

    /** The state-recovery settings for {@code --from-savepoint PATH}; PATH is the savepoint directory or its {@code _metadata}. */
    public static Configuration restoreFrom(Path savepoint, Configuration conf) {
        Path p = savepoint.toAbsolutePath().normalize();
        Path dir = p.getFileName() != null && p.getFileName().toString().equals("_metadata") ? p.getParent() : p;
        if (!Files.isRegularFile(dir.resolve("_metadata"))) {
            throw new UserError("no savepoint at " + p + " (expected a directory with a _metadata file, as printed by 'tidecast run --savepoint DIR'); "
                    + "check the --from-savepoint PATH");
        }
        conf.setString("execution.state-recovery.path", dir.toUri().toString());
        return conf;
    }

    /** Stops the job with a savepoint in {@code dir} and returns the savepoint's path once the job has stopped. */
    public static CompletableFuture<String> stop(JobClient job, Path dir) {
        return job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL);
    }

    /**
     * On Ctrl-C or SIGTERM, stop {@code job} with a savepoint in {@code dir} instead of exiting at once. The
     * returned future completes with the savepoint path (or exceptionally) after such a signal; the process then
     * ends when the job has stopped.
     */
    @SuppressWarnings("restriction")
    public static StopOnSignal onStopSignal(JobClient job, Path dir, Duration timeout) {
        CompletableFuture<String> done = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean signalled = new java.util.concurrent.atomic.AtomicBoolean();
        sun.misc.SignalHandler handler = sig -> {
            if (!signalled.compareAndSet(false, true)) return;
            System.out.println("stopping with a savepoint in " + dir + " (SIG" + sig.getName() + ")");
            try {
                String path = stop(job, dir).get(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                System.out.println("savepoint written: " + path);
                System.out.println("resume with: tidecast run --from-savepoint " + Path.of(java.net.URI.create(path)) + " ...");
                done.complete(path);
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                System.err.println("tidecast run: stop-with-savepoint failed (" + cause.getMessage() + "); cancelling the job without a savepoint");
                job.cancel();
                done.completeExceptionally(cause);
            }
        };
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
        return new StopOnSignal(signalled, done);
    }

    /** Whether a stop signal arrived, and the savepoint it produced. */
    public record StopOnSignal(java.util.concurrent.atomic.AtomicBoolean signalled, CompletableFuture<String> savepoint) {
        /** After the job ended: true when a signal stopped it (then waits until the savepoint is reported). */
        public boolean stoppedBySignal() {
            if (!signalled.get()) return false;
            try {
                savepoint.get();
            } catch (Exception e) {
                // the handler has reported the failure
            }
            return true;
        }
    }
}
