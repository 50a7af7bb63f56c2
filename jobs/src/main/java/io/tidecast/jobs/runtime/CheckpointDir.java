package io.tidecast.jobs.runtime;

import io.tidecast.jobs.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/**
 * A directory of retained checkpoints that makes runs durable: checkpoints are kept when the process stops
 * (however it stops), and a new run resumes from the newest completed one. Flink lays it out as
 * {@code DIR/<job id>/chk-<n>/_metadata}; a checkpoint is complete once its {@code _metadata} exists.
 */
public final class CheckpointDir {
    private final Path dir;

    public CheckpointDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** Creates the directory if needed and checks that it can be written, with a clear error if not. */
    public CheckpointDir ensureWritable() {
        requireWritable(dir, "checkpoint directory", "--checkpoints DIR");
        return this;
    }

    /** Creates {@code dir} if needed and proves it writable, or says in one line what is wrong and which option fixes it. */
    public static Path requireWritable(Path dir, String what, String option) {
        Path d = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(d);
            Path probe = Files.createTempFile(d, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError(what + " " + d + " is not writable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose another " + option + " or fix its permissions");
        }
        return d;
    }

    /** The newest completed checkpoint, if any. */
    public Optional<Path> latest() {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> jobs = Files.list(dir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(CheckpointDir::checkpoints)
                    .filter(chk -> Files.isRegularFile(chk.resolve("_metadata")))
                    .max(Comparator.comparing((Path chk) -> modified(chk.resolve("_metadata"))).thenComparing(CheckpointDir::number));
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint directory " + dir + ": " + e.getMessage());
        }
    }

    /** Settings that retain checkpoints in this directory and, when one exists, resume from the newest. */
    public Configuration configure(Configuration conf) {
        conf.setString("execution.checkpointing.storage", "filesystem");
        conf.setString("execution.checkpointing.dir", dir.toUri().toString());
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.setString("execution.checkpointing.num-retained", "2");
        latest().ifPresent(chk -> conf.setString("execution.state-recovery.path", chk.toUri().toString()));
        return conf;
    }

    private static Stream<Path> checkpoints(Path job) {
        try {
            return Files.list(job).filter(p -> p.getFileName().toString().startsWith("chk-")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long number(Path chk) {
        try {
            return Long.parseLong(chk.getFileName().toString().substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
