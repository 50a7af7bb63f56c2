package io.tidecast.jobs.reproduce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleBinaryOperator;

/**
 * Runs the protocol: for every (method, sequence, horizon) a grid search on the validation window, then fresh test
 * runs from t = 1 with the selected point. Work is split into (cell, grid point) validation tasks and (cell, run)
 * test tasks on a fixed pool; every run's seed comes from its coordinates and results are gathered in submission
 * order, so the numbers do not depend on the number of threads.
 */
public final class ReproduceEngine {
    private static final int VALIDATION = 0;
    private static final int TEST = 1;

    private final ReproduceConfig cfg;
    /** Per sequence: standardised on the first 30 s (online models), on the first 54 s (SVR) and raw (OLS). */
    private final Map<Integer, OnlineRun> standardised = new HashMap<>();
    private final Map<Integer, OnlineRun> standardisedOffline = new HashMap<>();
    private final Map<Integer, OnlineRun> raw = new HashMap<>();
    /** Forecasts of test run 0 of every cell, {t, values in mm...}, kept for the report so that it need not replay them. */
    private final Map<String, List<double[]>> run0Forecasts = new java.util.concurrent.ConcurrentHashMap<>();

    public ReproduceEngine(ReproduceConfig cfg) {
        this.cfg = cfg;
        for (int s : cfg.sequences()) {
            MarkerSeries series = MarkerSeries.load(cfg.dataDir(), s, cfg.rate());
            standardised.put(s, new OnlineRun(series, Scaling.fit(series, cfg.rate().trainEnd)));
            raw.put(s, new OnlineRun(series, Scaling.identity()));
            standardisedOffline.put(s, new OnlineRun(series, Scaling.fit(series, cfg.rate().offlineFitEnd)));
        }
    }

    /**
     * @param progress told (done, total) in relative cost units as work completes; may be null
     * @return per method, the cells in (sequence, horizon) order
     */
    public Map<Method, List<CellResult>> run(DoubleBinaryOperator progress) throws InterruptedException {
        Rate rate = cfg.rate();
        List<Method> learners = cfg.methods().stream().filter(m -> m != Method.ENSEMBLE).toList();
        boolean ensemble = cfg.methods().contains(Method.ENSEMBLE);
        if (ensemble && (cfg.protocol() != Protocol.CAUSAL || learners.isEmpty())) {
            throw new IllegalArgumentException("the ensemble needs --protocol causal and at least one other method");
        }
        double total = 0;
        for (Method m : learners) for (int s : cfg.sequences()) for (int h : cfg.horizons()) {
            int T = series(m, s).series().length();
            for (GridPoint gp : m.grid(rate, cfg.grid())) total += m.stepCost(gp) * rate.validationEnd * cfg.valRuns(m);
            total += m.stepCost(m.grid(rate, cfg.grid()).get(0)) * T * cfg.testRuns(m);
        }
        DoubleAdder done = new DoubleAdder();
        // test runs are costed at the first grid point until selection says which point they use
        DoubleAdder totalCost = new DoubleAdder();
        totalCost.add(total);
        Runnable tick = () -> { if (progress != null) progress.applyAsDouble(done.sum(), totalCost.sum()); };

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, cfg.threads()));
        try {
            // validation: scores[method][cell][point][run]
            Map<Method, List<List<Future<double[]>>>> val = new HashMap<>();
            for (Method m : learners) {
                List<GridPoint> grid = m.grid(rate, cfg.grid());
                List<List<Future<double[]>>> cells = new ArrayList<>();
                for (int s : cfg.sequences()) for (int h : cfg.horizons()) {
                    List<Future<double[]>> points = new ArrayList<>();
                    for (int p = 0; p < grid.size(); p++) {
                        final int seq = s, hh = h, pi = p;
                        GridPoint gp = grid.get(p);
                        points.add(pool.submit(() -> {
                            double[] runs = new double[cfg.valRuns(m)];
                            for (int r = 0; r < runs.length; r++) {
                                runs[r] = validationRun(m, seq, hh, pi, gp, r).nrmse();
                                done.add(m.stepCost(gp) * rate.validationEnd);
                                tick.run();
                            }
                            return runs;
                        }));
                    }
                    cells.add(points);
                }
                val.put(m, cells);
            }
            // selection, then test runs
            Map<Method, List<CellResult>> out = new java.util.LinkedHashMap<>();
            Map<Method, List<Object[]>> pending = new HashMap<>();
            for (Method m : learners) {
                List<GridPoint> grid = m.grid(rate, cfg.grid());
                List<Object[]> cellTasks = new ArrayList<>();
                int c = 0;
                for (int s : cfg.sequences()) for (int h : cfg.horizons()) {
                    List<Future<double[]>> points = val.get(m).get(c++);
                    double[][] scores = new double[points.size()][];
                    for (int p = 0; p < scores.length; p++) scores[p] = get(points.get(p));
                    int best = GridSelection.select(scores);
                    GridPoint gp = grid.get(best);
                    List<Future<RunMetrics>> runs = new ArrayList<>();
                    final int seq = s, hh = h;
                    int T = series(m, s).series().length();
                    totalCost.add((m.stepCost(gp) - m.stepCost(grid.get(0))) * T * cfg.testRuns(m));
                    for (int r = 0; r < cfg.testRuns(m); r++) {
                        final int run = r;
                        runs.add(pool.submit(() -> {
                            RunMetrics rm = testRun(m, seq, hh, best, gp, run);
                            done.add(m.stepCost(gp) * T);
                            tick.run();
                            return rm;
                        }));
                    }
                    cellTasks.add(new Object[] {s, h, gp, scores[best], runs, best});
                }
                pending.put(m, cellTasks);
            }
            for (Method m : learners) {
                List<CellResult> cells = new ArrayList<>();
                for (Object[] t : pending.get(m)) {
                    @SuppressWarnings("unchecked")
                    List<Future<RunMetrics>> fs = (List<Future<RunMetrics>>) t[4];
                    RunMetrics[] runs = new RunMetrics[fs.size()];
                    for (int r = 0; r < runs.length; r++) runs[r] = get(fs.get(r));
                    cells.add(CellResult.of(m, (Integer) t[0], (Integer) t[1], (GridPoint) t[2], (double[]) t[3], runs));
                }
                out.put(m, cells);
            }
            if (ensemble) out.put(Method.ENSEMBLE, ensembleCells(pool, learners, pending));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The ensemble of every cell over the other methods at their selected points; as many runs as the most of theirs. */
    private List<CellResult> ensembleCells(ExecutorService pool, List<Method> learners, Map<Method, List<Object[]>> pending)
            throws InterruptedException {
        int runs = learners.stream().mapToInt(cfg::testRuns).max().orElse(1);
        List<Object[]> cells = new ArrayList<>();
        int c = 0;
        for (int s : cfg.sequences()) for (int h : cfg.horizons()) {
            int[] points = new int[learners.size()];
            GridPoint[] chosen = new GridPoint[learners.size()];
            for (int i = 0; i < learners.size(); i++) {
                Object[] t = pending.get(learners.get(i)).get(c);
                chosen[i] = (GridPoint) t[2];
                points[i] = (Integer) t[5];
            }
            List<Future<RunMetrics>> fs = new ArrayList<>();
            final int seq = s, hh = h;
            for (int r = 0; r < runs; r++) {
                final int run = r;
                fs.add(pool.submit(() -> ensembleTestRun(learners, points, chosen, seq, hh, run).ensemble()));
            }
            cells.add(new Object[] {s, h, fs});
            c++;
        }
        List<CellResult> out = new ArrayList<>();
        for (Object[] t : cells) {
            @SuppressWarnings("unchecked")
            List<Future<RunMetrics>> fs = (List<Future<RunMetrics>>) t[2];
            RunMetrics[] rs = new RunMetrics[fs.size()];
            for (int r = 0; r < rs.length; r++) rs[r] = get(fs.get(r));
            out.add(CellResult.of(Method.ENSEMBLE, (Integer) t[0], (Integer) t[1], Method.ENSEMBLE.grid(cfg.rate(), cfg.grid()).get(0),
                    new double[0], rs));
        }
        return out;
    }

    /**
     * One causal ensemble run over the whole series, scored on the test window. Member i is created exactly as its own
     * test run {@code min(run, its runs - 1)} (same seed, same fit), so within the ensemble it computes the same
     * forecasts as there.
     */
    EnsembleRun.Result ensembleTestRun(List<Method> methods, int[] points, GridPoint[] chosen, int seq, int h, int run) {
        Rate rate = cfg.rate();
        List<EnsembleRun.Member> members = new ArrayList<>();
        List<double[]> units = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            GridPoint gp = chosen[i];
            OnlineRun s = series(m, seq);
            int r = Math.min(run, cfg.testRuns(m) - 1);
            members.add(new EnsembleRun.Member(m.createOffline(gp, fitPairs(gp, h), seed(m, seq, h, points[i], TEST, r)), s.scaling(),
                    gp.history()));
            units.add(s.units());
        }
        OnlineRun std = standardised.get(seq);
        int T = std.series().length();
        int firstRound = methods.stream().mapToInt(m -> m.offline() ? rate.offlineFitEnd + 1 : rate.trainEnd + 1).max().orElseThrow();
        return EnsembleRun.run(std.series(), std.scaling(), members, units, h, firstRound, rate.validationEnd + 1, T);
    }

    /** Trained from t = 1 on the series cut at the end of the first minute, scored on the validation window. */
    RunMetrics validationRun(Method m, int seq, int h, int point, GridPoint gp, int run) {
        Rate rate = cfg.rate();
        int start = m.offline() ? rate.offlineFitEnd + 1 : rate.trainEnd + 1;
        StepModel model = m.createOffline(gp, fitPairs(gp, h), seed(m, seq, h, point, VALIDATION, run));
        return series(m, seq).run(model, cfg.protocol(), gp.history(), h, rate.validationEnd, start, rate.validationEnd, null);
    }

    /** A fresh model from t = 1 on the whole series, scored on the test window only. */
    RunMetrics testRun(Method m, int seq, int h, int point, GridPoint gp, int run) {
        Rate rate = cfg.rate();
        OnlineRun s = series(m, seq);
        int T = s.series().length();
        StepModel model = m.createOffline(gp, fitPairs(gp, h), seed(m, seq, h, point, TEST, run));
        if (run != 0) return s.run(model, cfg.protocol(), gp.history(), h, T, rate.validationEnd + 1, T, null);
        List<double[]> forecasts = new ArrayList<>();
        RunMetrics rm = s.run(model, cfg.protocol(), gp.history(), h, T, rate.validationEnd + 1, T, null, (t, v) -> {
            double[] row = new double[1 + v.length];
            row[0] = t;
            System.arraycopy(v, 0, row, 1, v.length);
            forecasts.add(row);
        });
        run0Forecasts.put(traceKey(m, seq, h, point), forecasts);
        return rm;
    }

    private static String traceKey(Method m, int seq, int h, int point) {
        return m + "/" + seq + "/" + h + "/" + point;
    }

    /**
     * The forecasts (mm) of test run 0 of a cell: those kept from that run, or replayed (same model, grid point and
     * seed, so the same numbers as in that run); {@code trace} sees those for times {@code from}..end.
     */
    public void traceTestRun(CellResult cell, int from, OnlineRun.Trace trace) {
        Method m = cell.method();
        int point = m.grid(cfg.rate(), cfg.grid()).indexOf(cell.chosen());
        List<double[]> kept = run0Forecasts.get(traceKey(m, cell.sequence(), cell.horizon(), point));
        if (kept != null) {
            for (double[] row : kept) {
                int t = (int) row[0];
                if (t >= from) trace.forecast(t, java.util.Arrays.copyOfRange(row, 1, row.length));
            }
            return;
        }
        OnlineRun s = series(m, cell.sequence());
        int T = s.series().length();
        StepModel model = m.createOffline(cell.chosen(), fitPairs(cell.chosen(), cell.horizon()),
                seed(m, cell.sequence(), cell.horizon(), point, TEST, 0));
        s.run(model, cfg.protocol(), cell.chosen().history(), cell.horizon(), T, cfg.rate().validationEnd + 1, T, null,
                (t, v) -> { if (t >= from) trace.forecast(t, v); });
    }

    public MarkerSeries series(int sequence) {
        return raw.get(sequence).series();
    }

    /**
     * OLS fits on the pairs whose target time is within the first 54 s. In the causal protocol the forecast for the
     * first validation instant (54 s + 1 sample) is made h samples earlier, when only targets up to 54 s − (h−1)
     * samples have arrived, so the fit stops there: every scored forecast then comes from the fitted model.
     */
    int fitPairs(GridPoint gp, int h) {
        int fitEnd = cfg.rate().offlineFitEnd - (cfg.protocol() == Protocol.CAUSAL ? h - 1 : 0);
        return fitEnd - gp.history() - h + 1;
    }

    private long seed(Method m, int seq, int h, int point, int phase, int run) {
        return Seeds.derive(cfg.seed(), seq, h, m.ordinal(), point, phase, run);
    }

    private OnlineRun series(Method m, int seq) {
        return (m == Method.OLS ? raw : m == Method.SVR ? standardisedOffline : standardised).get(seq);
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        }
    }
}
