package io.tidecast.jobs.reproduce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the measured table beside the published one and writes {@code reproduce.json} and one CSV per cell. */
public final class ReproduceReport {
    private final ReproduceConfig cfg;
    private final Map<Method, List<CellResult>> results;
    private final double wallSeconds;

    public ReproduceReport(ReproduceConfig cfg, Map<Method, List<CellResult>> results, double wallSeconds) {
        this.cfg = cfg;
        this.results = results;
        this.wallSeconds = wallSeconds;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%s Hz, protocol %s, %d sequences x %d horizons, seed %d, grid %s, wall %.1f s%n",
                cfg.rate().label, cfg.protocol().name().toLowerCase(Locale.ROOT), cfg.sequences().length,
                cfg.horizons().length, cfg.seed(), cfg.grid().name().toLowerCase(Locale.ROOT), wallSeconds);
        out.printf(Locale.ROOT, "%-7s %-9s %9s %9s %9s %9s %9s %12s%n", "method", "", "nRMSE", "RMSE mm", "MAE mm",
                "max mm", "jitter mm", "time/step");
        for (Map.Entry<Method, List<CellResult>> e : results.entrySet()) {
            Method m = e.getKey();
            Aggregate a = Aggregate.of(e.getValue());
            double[] pub = published(m);
            row(out, m.title, "measured", a.values());
            if (pub != null) {
                row(out, "", "published", pub);
                double[] ratio = new double[RunMetrics.COUNT];
                for (int k = 0; k < ratio.length; k++) ratio[k] = a.values()[k] / pub[k];
                out.printf(Locale.ROOT, "%-7s %-9s %9.4f %9.4f %9.4f %9.4f %9.4f %12.4f%n", "", "ratio", ratio[0], ratio[1],
                        ratio[2], ratio[3], ratio[4], ratio[5]);
            }
            if (a.missingCells() > 0) out.printf("%-7s %d cells left out: every test run diverged%n", "", a.missingCells());
        }
        out.println("published: P25 means over 9 sequences x all horizons (OLS: independent recomputation);"
                + " the published protocol is 'paper', so causal rows are compared with it only for orientation.");
    }

    /** The published values apply to the full protocol over all 9 sequences and all horizons of the rate. */
    private double[] published(Method m) {
        boolean complete = cfg.sequences().length == 9 && cfg.horizons().length == cfg.rate().horizons().length;
        return complete ? Published.of(cfg.rate(), m) : null;
    }

    private static void row(PrintStream out, String method, String what, double[] v) {
        out.printf(Locale.ROOT, "%-7s %-9s %9.5f %9.4f %9.4f %9.3f %9.4f %12s%n", method, what, v[0], v[1], v[2], v[3],
                v[4], time(v[5]));
    }

    static String time(double ns) {
        if (Double.isNaN(ns)) return "-";
        if (ns < 1e4) return String.format(Locale.ROOT, "%.0f ns", ns);
        if (ns < 1e7) return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ObjectNode c = root.putObject("config");
        c.put("rate", cfg.rate().label);
        c.put("protocol", cfg.protocol().name().toLowerCase(Locale.ROOT));
        c.put("seed", cfg.seed());
        c.put("grid", cfg.grid().name().toLowerCase(Locale.ROOT));
        c.put("valRuns", cfg.valRuns());
        c.put("testRuns", cfg.testRuns());
        c.put("threads", cfg.threads());
        ArrayNode seqs = c.putArray("sequences");
        for (int s : cfg.sequences()) seqs.add(s);
        ArrayNode hs = c.putArray("horizons");
        for (int h : cfg.horizons()) hs.add(h);
        root.put("wallSeconds", wallSeconds);
        ObjectNode methods = root.putObject("methods");
        for (Map.Entry<Method, List<CellResult>> e : results.entrySet()) {
            ObjectNode m = methods.putObject(e.getKey().name().toLowerCase(Locale.ROOT));
            metrics(m.putObject("measured"), Aggregate.of(e.getValue()).values());
            double[] pub = published(e.getKey());
            if (pub != null) metrics(m.putObject("published"), pub);
            metrics(m.putObject("regular"), Aggregate.ofSequences(e.getValue(), Aggregate.REGULAR).values());
            metrics(m.putObject("irregular"), Aggregate.ofSequences(e.getValue(), Aggregate.IRREGULAR).values());
            metrics(m.putObject("sequence7"), Aggregate.ofSequences(e.getValue(), new int[] {7}).values());
            ArrayNode cells = m.putArray("cells");
            for (CellResult r : e.getValue()) {
                ObjectNode n = cells.addObject();
                n.put("sequence", r.sequence());
                n.put("horizon", r.horizon());
                n.put("k", r.chosen().history());
                if (!Double.isNaN(r.chosen().eta())) n.put("eta", r.chosen().eta());
                if (r.chosen().hidden() > 0) n.put("hidden", r.chosen().hidden());
                if (r.chosen().isSvr()) {
                    n.put("kernelScale", r.chosen().kernelScale());
                    n.put("epsilon", r.chosen().epsilon());
                    n.put("C", r.chosen().box());
                }
                n.put("validationNrmse", r.validationNrmse());
                n.put("validationDiverged", r.validationDiverged());
                n.put("testRuns", r.testRuns());
                n.put("testDiverged", r.testDiverged());
                metrics(n.putObject("test"), r.test());
            }
        }
        json.writeValue(dir.resolve("reproduce.json").toFile(), root);
        writeCellCsvs(dir.resolve("cells"));
    }

    private static void metrics(ObjectNode n, double[] v) {
        String[] keys = {"nrmse", "rmse", "mae", "max", "jitter", "nsPerStep"};
        for (int k = 0; k < keys.length; k++) {
            if (Double.isFinite(v[k])) n.put(keys[k], v[k]);
            else n.putNull(keys[k]);
        }
    }

    /** {@code cells/seq<N>_h<h>.csv}: one row per method with its selected point and test values. */
    private void writeCellCsvs(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int s : cfg.sequences()) {
            for (int h : cfg.horizons()) {
                List<String> lines = new ArrayList<>();
                lines.add("method,k,eta,hidden,svr_scale_eps_c,validation_nrmse,nrmse,rmse_mm,mae_mm,max_mm,jitter_mm,ns_per_step,test_runs,test_diverged");
                for (Map.Entry<Method, List<CellResult>> e : results.entrySet()) {
                    for (CellResult r : e.getValue()) {
                        if (r.sequence() != s || r.horizon() != h) continue;
                        double[] t = r.test();
                        lines.add(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.1f,%d,%d",
                                e.getKey().name().toLowerCase(Locale.ROOT), r.chosen().history(),
                                Double.isNaN(r.chosen().eta()) ? "" : Double.toString(r.chosen().eta()),
                                r.chosen().hidden() > 0 ? Integer.toString(r.chosen().hidden()) : "",
                                r.chosen().isSvr() ? r.chosen().kernelScale() + "/" + r.chosen().epsilon() + "/" + r.chosen().box() : "",
                                r.validationNrmse(), t[0], t[1], t[2], t[3], t[4], t[5], r.testRuns(), r.testDiverged()));
                    }
                }
                Files.write(dir.resolve("seq" + s + "_h" + h + ".csv"), lines);
            }
        }
    }
}
