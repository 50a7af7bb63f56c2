package io.tidecast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** FLOP-count formulas, published-figure selection and table/JSON assembly (no timing). */
class FlopModelAndReportTest {

    @Test
    void rnnFlopsFollowTheLoopCounts() {
        // q = 30, k = 12: M = 109, n = 139, p = 9
        assertEquals(7L * 30 * 139 + 6 * 9 * 30, FlopModel.flopsPerStep("snap1", 12, 30));
        assertEquals(10L * 30 * 139 + 2 * 30 * 30 + 6 * 9 * 30, FlopModel.flopsPerStep("uoro", 12, 30));
        assertEquals(4L * 30 * 139 + 4 * 30 * 30 + 10L * 30 * (30 + 9 + 1) + 6 * 9 * 30, FlopModel.flopsPerStep("dni", 12, 30));
        // RTRL q = 10, k = 4: M = 37, n = 47
        long n = 47;
        assertEquals(2 * 10 * n + 6 * 9 * 10 + 2 * 1000 * n + 2 * 100 * n + 100 + 6 * 10 * n,
                FlopModel.flopsPerStep("rtrl", 4, 10));
    }

    @Test
    void rtrlReverseFlopsComeFromTheRunsSweepDepths() {
        // q = 10, k = 12: n = 119; 1000 reverse steps sweeping 8,000 stored steps in all (mean depth 8)
        long n = 119, q = 10, common = 2 * q * n + 6 * 9 * q;
        long perStep = common + 5 * q * q + 4 * q * n + 2 * q * q * (8 - 1) + 2 * q * n * 8;
        assertEquals(perStep, FlopModel.rtrlReverse(12, 10, 1000, 1000, 8000));
        // deeper sweeps cost more, and far less than forward RTRL at these depths
        assertTrue(FlopModel.rtrlReverse(12, 10, 1000, 1000, 20_000) > perStep);
        assertTrue(FlopModel.flopsPerStep("rtrl", 12, 10) > 5 * perStep);
        // a switch to the forward recursion after 100 steps: 900 forward steps plus the replay of 100
        long fwd = FlopModel.flopsPerStep("rtrl", 12, 10);
        long replay = 2 * q * q * q * n + 2 * q * q * n + q * q + 2 * q * n;
        long rev100 = 100 * (common + 5 * q * q + 4 * q * n - 2 * q * q) + 800 * (2 * q * q + 2 * q * n);
        assertEquals(Math.round((rev100 + 900.0 * fwd + 100.0 * replay) / 1000), FlopModel.rtrlReverse(12, 10, 1000, 100, 800));
        assertThrows(IllegalArgumentException.class, () -> FlopModel.flopsPerStep("rtrl-reverse", 12, 10));
    }

    @Test
    void leadingTermsDominateAtLargeSizes() {
        int q = 180, k = 36;
        double n = q + 1 + 9 * k;
        assertEquals(1.0, FlopModel.flopsPerStep("snap1", k, q) / (7 * q * n), 0.02);
        assertEquals(1.0, FlopModel.flopsPerStep("rtrl", k, 40) / (2.0 * 40 * 40 * 40 * (40 + 1 + 9 * k)), 0.05);
        // RTRL ≫ the O(qn) trainers at the same q
        assertTrue(FlopModel.flopsPerStep("rtrl", 12, 30) > 50 * FlopModel.flopsPerStep("snap1", 12, 30));
    }

    @Test
    void linearFlops() {
        // k = 12: M = 109, d = 9
        assertEquals(6 * 9 * 109 + 2 * 109, FlopModel.flopsPerStep("lms", 12, 0));
        assertEquals(FlopModel.flopsPerStep("lms", 12, 0), FlopModel.flopsPerStep("nlms", 12, 0));
        assertEquals(2 * 9 * 109, FlopModel.flopsPerStep("ols", 12, 0));
        // k = 1: M = 10
        assertEquals(2 * 100 + 2 * 10 * 11 + 6 * 9 * 10, FlopModel.flopsPerStep("rls", 1, 0));
        assertEquals(4 * 100 + 2 * 10 * 11 + 8 * 9 * 10, FlopModel.flopsPerStep("ridge", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> FlopModel.flopsPerStep("svr", 1, 0));
    }

    @Test
    void matrixAndIds() {
        List<BenchCase> quick = BenchCase.matrix(true);
        assertEquals(2 * (10 + 5), quick.size()); // RNNs: rtrl, rtrl-reverse, uoro, snap1, dni × 2 q
        List<BenchCase> full = BenchCase.matrix(false);
        assertEquals(6 * (10 + 5), full.size());
        assertTrue(full.stream().anyMatch(c -> c.k() == 4) && full.stream().anyMatch(c -> c.k() == 180));
        assertTrue(full.stream().noneMatch(c -> c.learner().equals("rtrl") && c.q() == 180));
        for (BenchCase c : full) assertEquals(c, BenchCase.parse(c.id()));
    }

    @Test
    void publishedFigureSelection() {
        Published.Figure f = Published.closest(new BenchCase("snap1", 30, 1.2, 36, 180));
        assertEquals(22.00, f.ms(), 1e-9);
        assertTrue(f.source().contains("many q=180"));
        assertEquals(0.6679, Published.closest(new BenchCase("rtrl", 10, 1.2, 12, 10)).ms(), 1e-9);
        // an RNN at a q outside {few, many}: history table
        assertEquals(3.406, Published.closest(new BenchCase("snap1", 10, 6.0, 60, 90)).ms(), 1e-9);
        assertEquals(1.387e-2, Published.closest(new BenchCase("lms", 30, 1.2, 36, 0)).ms(), 1e-12);
        assertEquals(2.413e-2, Published.closest(new BenchCase("ols", 30, 6.0, 180, 0)).ms(), 1e-12);
        assertNull(Published.closest(new BenchCase("rls", 10, 1.2, 12, 0)));
        // the reverse computation of RTRL's gradient is compared with RTRL's published time
        assertEquals(Published.closest(new BenchCase("rtrl", 30, 1.2, 36, 40)),
                Published.closest(new BenchCase("rtrl-reverse", 30, 1.2, 36, 40)));
    }

    @Test
    void rtrlReverseRunFactsDescribeTheTimedRun() {
        BenchCase c = new BenchCase("rtrl-reverse", 10, 1.2, 12, 10);
        Map<String, Object> f = BenchCli.LearnersCmd.reverseRunFacts(c);
        assertEquals(1755, f.get("episodeSteps")); // 175.5 s, the mean ExtMarker sequence, at 10 Hz
        assertEquals(0L, f.get("forwardSteps"));
        double depth = (Double) f.get("meanSweepDepth");
        assertTrue(depth > 1 && depth < 100, "mean sweep depth " + depth);
        long flops = (Long) f.get("flopsPerStep");
        // between a one-step sweep and forward RTRL
        assertTrue(flops > FlopModel.rtrlReverse(12, 10, 1755, 1755, 1755) && flops < FlopModel.flopsPerStep("rtrl", 12, 10), "" + flops);
    }

    @Test
    void rtrlReverseRowUsesItsRunsFlopsAndReportsTheRun() {
        BenchCase rev = new BenchCase("rtrl-reverse", 10, 1.2, 12, 10);
        BenchCase fwd = new BenchCase("rtrl", 10, 1.2, 12, 10);
        Map<BenchCase, double[]> measured = new LinkedHashMap<>();
        measured.put(rev, new double[] {5_000, 50});
        measured.put(fwd, new double[] {40_000, 400});
        long flops = FlopModel.rtrlReverse(12, 10, 1755, 1755, 1755 * 9L);
        Map<BenchCase, Map<String, Object>> extras = Map.of(rev,
                Map.of("flopsPerStep", flops, "episodeSteps", 1755, "meanSweepDepth", 9.0, "forwardSteps", 0L));
        int cols = LearnerReport.kernelCols(rev);
        LearnerReport rep = new LearnerReport(measured, List.of(new LearnerReport.Kernel("gemm", 180, 256, 2L * 180 * 180 * 256 / 10.0, 1)), extras);
        List<LearnerReport.Row> rows = rep.rows();
        assertEquals("rtrl", rows.get(0).c().learner());
        LearnerReport.Row r = rows.get(1);
        assertEquals("rtrl-reverse", r.c().learner());
        assertEquals(flops, r.flopsPerStep());
        assertEquals(0.6679 / 0.005, r.speedup(), 1e-9);
        String json = rep.json(Map.of());
        assertTrue(json.contains("\"meanSweepDepth\": 9"), json);
        assertTrue(json.contains("\"episodeSteps\": 1755"), json);
        assertTrue(rep.table().contains("mean sweep depth 9.0"), rep.table());
        assertEquals(180 + 109, cols);
    }

    @Test
    void reportRowsTableAndJson() {
        BenchCase snap = new BenchCase("snap1", 10, 1.2, 12, 180);
        BenchCase rls = new BenchCase("rls", 10, 1.2, 12, 0);
        int cols = LearnerReport.kernelCols(snap);
        assertEquals(180 + 109, cols);
        Map<BenchCase, double[]> measured = new LinkedHashMap<>();
        measured.put(rls, new double[] {10_000, 100});
        measured.put(snap, new double[] {100_000, 1_000});
        List<LearnerReport.Kernel> kernels = List.of(
                new LearnerReport.Kernel("gemv", 180, cols, 2L * 180 * cols / 4.0, 1),   // 4 GFLOP/s
                new LearnerReport.Kernel("gemvT", 180, cols, 2L * 180 * cols / 5.0, 1),  // 5 GFLOP/s
                new LearnerReport.Kernel("gemm", 180, 256, 2L * 180 * 180 * 256 / 10.0, 1)); // 10 GFLOP/s
        LearnerReport rep = new LearnerReport(measured, kernels);
        List<LearnerReport.Row> rows = rep.rows();
        assertEquals("snap1", rows.get(0).c().learner()); // RNNs first
        LearnerReport.Row r = rows.get(0);
        long flops = FlopModel.flopsPerStep(snap);
        assertEquals(flops, r.flopsPerStep());
        assertEquals(flops / 100_000.0, r.gflops(), 1e-12);
        assertEquals(10.0, r.kernelGflops(), 1e-9);
        assertEquals(r.gflops() / 10.0, r.kernelFraction(), 1e-12);
        assertEquals(r.gflops() / 5.0, r.matVecFraction(), 1e-12);
        assertEquals(4.629, r.publishedMs(), 1e-12);
        assertEquals(4.629 / 0.1, r.speedup(), 1e-9);
        assertEquals(Double.NaN, rows.get(1).speedup());

        String table = rep.table();
        assertTrue(table.contains("snap1") && table.contains("46x") && table.contains("none (not in P25)"), table);
        String json = rep.json(Map.of("quick", true));
        assertTrue(json.contains("\"learner\": \"snap1\""), json);
        assertTrue(json.contains("\"publishedMs\": null"), json);
        assertTrue(json.contains("\"speedup\": 46.29"), json);
        assertTrue(json.contains("\"variant\": \"gemm\""), json);
        assertTrue(json.contains("\"quick\": true"), json);
        assertEquals(json.chars().filter(ch -> ch == '{').count(), json.chars().filter(ch -> ch == '}').count());
    }
}
