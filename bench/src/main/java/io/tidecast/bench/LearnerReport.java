package io.tidecast.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles the learner benchmark results: per case the measured time per step, the FLOP count of
 * {@link FlopModel}, the achieved rate, its fraction of the in-run dense kernel rate at the same size
 * (the best of gemm and the 180 × (180 + 9k + 1) matrix-vector kernels), the closest published figure ({@link Published}) and the speed-up; renders them as a
 * text table and as JSON.
 */
public final class LearnerReport {

    /**
     * One measured kernel: {@code variant} gemv / gemvT (180 × cols matrix times a vector) or gemm
     * (180 × 180 times 180 × cols).
     */
    public record Kernel(String variant, int rows, int cols, double nsPerCall, double nsError) {
        public long flopsPerCall() {
            return "gemm".equals(variant) ? 2L * rows * rows * cols : KernelBenchmark.flops(rows, cols);
        }

        public double gflops() {
            return flopsPerCall() / nsPerCall;
        }

        public boolean matVec() {
            return !"gemm".equals(variant);
        }
    }

    /** One table row. Missing values are NaN (published figure: null source). */
    public record Row(BenchCase c, double nsPerStep, double nsError, long flopsPerStep, double gflops,
                      double kernelGflops, double kernelFraction, double matVecGflops, double matVecFraction,
                      double publishedMs, String publishedSource,
                      double publishedHistoryMs, double speedup, Map<String, Object> extras) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<Kernel> kernels;

    public LearnerReport(Map<BenchCase, double[]> measured, List<Kernel> kernels) {
        this(measured, kernels, Map.of());
    }

    /**
     * @param extras per case, fields added to its JSON entry; a {@code "flopsPerStep"} (Long) there replaces the
     *               {@link FlopModel} count (the data-dependent rtrl-reverse count)
     */
    public LearnerReport(Map<BenchCase, double[]> measured, List<Kernel> kernels, Map<BenchCase, Map<String, Object>> extras) {
        this.kernels = List.copyOf(kernels);
        for (Map.Entry<BenchCase, double[]> e : measured.entrySet()) {
            rows.add(row(e.getKey(), e.getValue()[0], e.getValue()[1], kernels, extras.getOrDefault(e.getKey(), Map.of())));
        }
        rows.sort((a, b) -> {
            int r = Double.compare(a.c().historyS(), b.c().historyS());
            if (r == 0) r = Double.compare(a.c().rateHz(), b.c().rateHz());
            if (r == 0) r = Integer.compare(order(a.c().learner()), order(b.c().learner()));
            if (r == 0) r = Integer.compare(a.c().q(), b.c().q());
            return r;
        });
    }

    private static int order(String learner) {
        int i = BenchCase.RNNS.indexOf(learner);
        return i >= 0 ? i : BenchCase.RNNS.size() + BenchCase.LINEAR.indexOf(learner);
    }

    /**
     * The practical limit for a case whose matrix-vector size is 180 × cols: the best of the gemm kernel and the
     * matrix-vector kernels at those columns (GFLOP/s), NaN if none was measured.
     */
    public static double kernelRate(List<Kernel> kernels, int cols) {
        double best = Double.NaN;
        for (Kernel k : kernels) {
            if ((!k.matVec() || k.cols() == cols) && !(k.gflops() <= best)) best = k.gflops();
        }
        return best;
    }

    /** The best matrix-vector rate at 180 × cols (the memory-streaming shape of the O(qn) updates), or NaN. */
    public static double matVecRate(List<Kernel> kernels, int cols) {
        double best = Double.NaN;
        for (Kernel k : kernels) {
            if (k.matVec() && k.cols() == cols && !(k.gflops() <= best)) best = k.gflops();
        }
        return best;
    }

    /** Columns of the kernel matching case {@code c}: q + m + 1 with q = 180. */
    public static int kernelCols(BenchCase c) {
        return KernelBenchmark.ROWS + c.inputDim();
    }

    static Row row(BenchCase c, double ns, double err, List<Kernel> kernels) {
        return row(c, ns, err, kernels, Map.of());
    }

    static Row row(BenchCase c, double ns, double err, List<Kernel> kernels, Map<String, Object> extras) {
        long flops = extras.get("flopsPerStep") instanceof Long f ? f : FlopModel.flopsPerStep(c);
        double gflops = flops / ns;
        double kr = kernelRate(kernels, kernelCols(c));
        double mv = matVecRate(kernels, kernelCols(c));
        Published.Figure f = Published.closest(c);
        Published.Figure h = c.rnn() ? Published.byHistory(c) : null;
        double pubMs = f == null ? Double.NaN : f.ms();
        return new Row(c, ns, err, flops, gflops, kr, gflops / kr, mv, gflops / mv, pubMs, f == null ? null : f.source(),
                h == null ? Double.NaN : h.ms(), pubMs / (ns * 1e-6), Map.copyOf(extras));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<Kernel> kernels() {
        return kernels;
    }

    // ------------------------------------------------------------------------------------------------ text

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("Dense kernels (the practical limit): gemv/gemvT = 180 x cols matrix times a vector, "
                + "gemm = 180 x 180 times 180 x cols:\n");
        for (Kernel k : kernels) {
            sb.append(String.format(Locale.ROOT, "  %-6s 180 x %-5d %12.0f ns/call  %6.2f GFLOP/s%n",
                    k.variant(), k.cols(), k.nsPerCall(), k.gflops()));
        }
        sb.append('\n');
        String head = String.format(Locale.ROOT, "%-12s %5s %4s %4s %4s %22s %14s %7s %7s %7s %10s %9s  %s%n",
                "learner", "Hz", "hist", "k", "q", "ns/step (±err)", "FLOPs/step", "GFLOP/s", "%kernel", "%matvec",
                "publ. ms", "speed-up", "published figure");
        sb.append(head);
        sb.append("-".repeat(head.length() + 30)).append('\n');
        for (Row r : rows) {
            BenchCase c = r.c();
            sb.append(String.format(Locale.ROOT, "%-12s %5s %4.1f %4d %4s %22s %14d %7.2f %6.1f%% %6.1f%% %10s %9s  %s%n",
                    c.learner(), c.rateLabel(), c.historyS(), c.k(), c.q() > 0 ? String.valueOf(c.q()) : "-",
                    fmtNs(r.nsPerStep(), r.nsError()), r.flopsPerStep(), r.gflops(), 100 * r.kernelFraction(), 100 * r.matVecFraction(),
                    Double.isNaN(r.publishedMs()) ? "-" : String.format(Locale.ROOT, "%.4g", r.publishedMs()),
                    Double.isNaN(r.speedup()) ? "-" : String.format(Locale.ROOT, "%.0fx", r.speedup()),
                    r.publishedSource() == null ? "none (not in P25)" : r.publishedSource()));
        }
        sb.append("RTRL at q = 180 (~0.4 s/step) is not run; RTRL uses its published grid q = 10 and 40.\n");
        for (Row r : rows) {
            if (r.extras().get("divergenceResets") instanceof Long n && n > 0) {
                sb.append(String.format(Locale.ROOT, "%s %s Hz q=%d: the trainer diverged %d time(s) in the measured iterations;"
                        + " each time a fresh one replaced it (as the streaming job resets a diverged learner), so no step on"
                        + " NaN state is timed%n", r.c().learner(), r.c().rateLabel(), r.c().q(), n));
            }
        }
        boolean reverse = false;
        for (Row r : rows) {
            if (!BenchCase.RTRL_REVERSE.equals(r.c().learner())) continue;
            if (!reverse) {
                sb.append("rtrl-reverse: RTRL's exact gradient computed backward over the stored run (RtrlReverse, used by"
                        + " tidecast reproduce); ns/step = one whole run of a fresh trainer / its steps; FLOPs from the"
                        + " run's own sweep depths:\n");
                reverse = true;
            }
            sb.append(String.format(Locale.ROOT, "  %5s Hz q=%-3d %s steps/run, mean sweep depth %s, forward-recursion steps %s%n",
                    r.c().rateLabel(), r.c().q(), r.extras().get("episodeSteps"), r.extras().get("meanSweepDepth"),
                    r.extras().get("forwardSteps")));
        }
        return sb.toString();
    }

    static String fmtNs(double ns, double err) {
        String e = Double.isNaN(err) ? "?" : String.format(Locale.ROOT, "%.3g", err);
        return String.format(Locale.ROOT, "%.4g ± %s", ns, e);
    }

    // ------------------------------------------------------------------------------------------------ JSON

    public String json(Map<String, Object> meta) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"meta\": {");
        boolean first = true;
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            sb.append(first ? "\n" : ",\n").append("    ").append(str(e.getKey())).append(": ").append(val(e.getValue()));
            first = false;
        }
        sb.append("\n  },\n  \"kernel\": [");
        for (int i = 0; i < kernels.size(); i++) {
            Kernel k = kernels.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"variant\": ").append(str(k.variant()))
                    .append(", \"rows\": ").append(k.rows()).append(", \"cols\": ").append(k.cols())
                    .append(", \"flopsPerCall\": ").append(k.flopsPerCall())
                    .append(", \"nsPerCall\": ").append(num(k.nsPerCall()))
                    .append(", \"nsError\": ").append(num(k.nsError()))
                    .append(", \"gflops\": ").append(num(k.gflops())).append('}');
        }
        sb.append("\n  ],\n  \"learners\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            BenchCase c = r.c();
            sb.append(i == 0 ? "\n" : ",\n").append("    {")
                    .append("\"learner\": ").append(str(c.learner()))
                    .append(", \"rateHz\": ").append(num(c.rateHz()))
                    .append(", \"historyS\": ").append(num(c.historyS()))
                    .append(", \"k\": ").append(c.k())
                    .append(", \"q\": ").append(c.q() > 0 ? String.valueOf(c.q()) : "null")
                    .append(", \"nsPerStep\": ").append(num(r.nsPerStep()))
                    .append(", \"nsError\": ").append(num(r.nsError()))
                    .append(", \"flopsPerStep\": ").append(r.flopsPerStep())
                    .append(", \"gflops\": ").append(num(r.gflops()))
                    .append(", \"kernelGflops\": ").append(num(r.kernelGflops()))
                    .append(", \"kernelFraction\": ").append(num(r.kernelFraction()))
                    .append(", \"matVecGflops\": ").append(num(r.matVecGflops()))
                    .append(", \"matVecFraction\": ").append(num(r.matVecFraction()))
                    .append(", \"publishedMs\": ").append(num(r.publishedMs()))
                    .append(", \"publishedSource\": ").append(r.publishedSource() == null ? "null" : str(r.publishedSource()))
                    .append(", \"publishedHistoryTableMs\": ").append(num(r.publishedHistoryMs()))
                    .append(", \"speedup\": ").append(num(r.speedup()));
            for (Map.Entry<String, Object> x : new java.util.TreeMap<>(r.extras()).entrySet()) {
                if (!"flopsPerStep".equals(x.getKey())) sb.append(", ").append(str(x.getKey())).append(": ").append(val(x.getValue()));
            }
            sb.append('}');
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String val(Object o) {
        if (o == null) return "null";
        if (o instanceof Number n) return num(n.doubleValue());
        if (o instanceof Boolean b) return b.toString();
        return str(o.toString());
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }
}
