package io.tidecast.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work: a live bar on a terminal; elsewhere (CI logs, pipes) a plain line every few seconds,
 * so logs are not filled with carriage returns.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream plain;
    private final String task;
    private long total;
    private long current;
    private String extra = "";
    private long lastPlainNanos;

    public Progress(String task, long total) {
        this.task = task;
        this.total = total;
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).setMaxRenderedLength(100).showSpeed().build();
            plain = null;
        } else {
            bar = null;
            plain = System.out;
            lastPlainNanos = System.nanoTime();
        }
    }

    public synchronized void update(long value, String extraMessage) {
        current = value;
        extra = extraMessage == null ? "" : extraMessage;
        if (bar != null) {
            bar.stepTo(value);
            bar.setExtraMessage(extra);
        } else if (System.nanoTime() - lastPlainNanos > Duration.ofSeconds(5).toNanos()) {
            lastPlainNanos = System.nanoTime();
            printPlain();
        }
    }

    private void printPlain() {
        plain.printf("%s: %d/%d (%.0f%%) %s%n", task, current, total, total == 0 ? 100.0 : 100.0 * current / total, extra);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        } else {
            printPlain();
        }
    }
}
