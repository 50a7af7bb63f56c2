package io.tidecast.jobs.reproduce;

import io.tidecast.jobs.cli.Progress;
import io.tidecast.jobs.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Offline reproduction of the published respiratory-motion benchmark (Pohl et al. 2025) on the"
                + " shipped ExtMarker data: grid search on the first minute, test runs on the rest, means over"
                + " 9 sequences x horizons, printed beside the published values.",
        footer = {"", "Examples:",
                "  tidecast reproduce --rate 3.33 --methods lms,ols --out /tmp/r333",
                "  tidecast reproduce --rate 30 --methods lms --protocol causal --out /tmp/r30c",
                "  tidecast reproduce --rate 3.33 --methods snap1 --val-runs 2 --test-runs 3 --grid small --out /tmp/snap",
                "Protocols: 'paper' learns each forecast's target right after predicting it, as published (not causal"
                        + " for h > 1); 'causal' learns a pair only once its target has arrived. In causal mode an RNN learns"
                        + " along the delayed windows and forecasts from a second hidden state that follows every new"
                        + " window with the current weights.",
                "Full RNN protocol (50/300 runs, 90-point grids) takes hours per method; use --grid small and few runs"
                        + " for a check."})
public final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "3.33", paramLabel = "3.33|10|30", description = "Sampling rate in Hz (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--methods", defaultValue = "lms,ols", split = ",", paramLabel = "M",
            description = "Comma-separated: lms, ols, rtrl, uoro, snap1, dni, and ensemble (Hedge over the others, --protocol causal only) (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--horizons", split = ",", paramLabel = "H", description = "Horizons in samples (default: all of the rate: 1..7, 1..21, 3,6..63).")
    int[] horizons;

    @Option(names = "--sequences", split = ",", paramLabel = "N", description = "Sequences 1..9 (default: all; the published means need all).")
    int[] sequences;

    @Option(names = "--val-runs", defaultValue = "50", paramLabel = "N", description = "RNN runs per grid point for validation (default: ${DEFAULT-VALUE}; LMS/OLS: 1).")
    int valRuns;

    @Option(names = "--test-runs", defaultValue = "300", paramLabel = "N", description = "RNN test runs per cell (default: ${DEFAULT-VALUE}; LMS/OLS: 1).")
    int testRuns;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--protocol", defaultValue = "paper", paramLabel = "paper|causal", description = "Update timing (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Base seed; every run's seed derives from it and the run's coordinates (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--grid", defaultValue = "full", paramLabel = "full|small", description = "Hyperparameter grid; small cuts only the RNN grids (default: ${DEFAULT-VALUE}).")
    String grid;

    @Option(names = "--out", defaultValue = "reproduce-out", paramLabel = "DIR", description = "Output directory for reproduce.json, cells/*.csv and report.html (plots; opens offline) (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of seqN_<rate>.csv (default: data/extmarker-resampled under the Tidecast home).")
    Path data;

    @Override
    public Integer call() throws Exception {
        ReproduceConfig cfg = config();
        ReproduceEngine engine = new ReproduceEngine(cfg);
        long t0 = System.nanoTime();
        Map<Method, List<CellResult>> results;
        try (Progress progress = new Progress("reproduce", 1000)) {
            results = engine.run((done, total) -> {
                double f = total <= 0 ? 1 : Math.min(1, done / total);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                String eta = f <= 0 ? "ETA ?" : "ETA " + clock(elapsed * (1 - f) / f);
                progress.update(Math.round(1000 * f), eta);
                return f;
            });
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        ReproduceReport report = new ReproduceReport(cfg, results, wall);
        report.print(System.out);
        report.write(out);
        Path html = ReproduceHtml.write(out.resolve("report.html"), cfg, engine, results, wall);
        System.out.println("wrote " + out.resolve("reproduce.json") + ", " + out.resolve("cells") + "/seq<N>_h<h>.csv and " + html);
        return 0;
    }

    ReproduceConfig config() {
        Rate r;
        Protocol p;
        Method.GridSize g;
        List<Method> ms = new ArrayList<>();
        try {
            r = Rate.parse(rate);
            p = Protocol.parse(protocol);
            for (String m : new LinkedHashSet<>(methods)) ms.add(Method.parse(m));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (ms.contains(Method.ENSEMBLE) && (p != Protocol.CAUSAL || ms.size() < 2)) {
            throw new UserError("the ensemble mixes the other methods causally: use e.g. --methods lms,ols,ensemble --protocol causal");
        }
        try {
            g = Method.GridSize.valueOf(grid.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--grid must be full or small; got '" + grid + "'");
        }
        int[] hs = horizons == null ? r.horizons() : horizons;
        for (int h : hs) if (h < 1) throw new UserError("--horizons must be >= 1 sample; got " + h);
        int[] ss = sequences == null ? ReproduceConfig.ALL_SEQUENCES : sequences;
        for (int s : ss) if (s < 1 || s > 9) throw new UserError("--sequences must be within 1..9; got " + s);
        if (valRuns < 1 || testRuns < 1) throw new UserError("--val-runs and --test-runs must be >= 1");
        int th = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (th < 1) throw new UserError("--threads must be >= 1; got " + th);
        Path dir = data != null ? data : Path.of(System.getProperty("tidecast.home", "."), "data", "extmarker-resampled");
        for (int s : ss) {
            Path f = dir.resolve("seq" + s + "_" + r.fileSuffix + ".csv");
            if (!Files.isRegularFile(f)) throw new UserError("missing " + f + "; point --data at the directory of seqN_" + r.fileSuffix + ".csv");
        }
        return new ReproduceConfig(dir, r, ms, ss, hs, valRuns, testRuns, p, seed, g, th);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
