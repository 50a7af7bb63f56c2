package io.tidecast.learners.rnn;

import java.util.Random;

/**
 * Rough per-step timing (not a test; JMH belongs to the bench module):
 * {@code java -cp <test+main classpath> io.tidecast.learners.rnn.RnnStepTiming [q] [m] [p]} (defaults 180, 109, 9).
 * Also times a plain dense multiply-add kernel (C += A·B, i-k-j order) of RTRL's shape for reference.
 */
public final class RnnStepTiming {
    private RnnStepTiming() {}

    public static void main(String[] args) {
        int q = args.length > 0 ? Integer.parseInt(args[0]) : 180;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 109;
        int p = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Random r = new Random(1);
        double[][] us = new double[64][m + 1], ys = new double[64][p];
        for (int t = 0; t < 64; t++) {
            us[t][0] = 1;
            for (int j = 1; j <= m; j++) us[t][j] = r.nextGaussian();
            for (int k = 0; k < p; k++) ys[t][k] = r.nextGaussian();
        }
        double[] yh = new double[p];
        for (RnnTrainer.Algorithm alg : RnnTrainer.Algorithm.values()) {
            RnnTrainer tr = RnnTrainer.create(alg, q, m + 1, p, 0.01, 1L);
            boolean rtrl = alg == RnnTrainer.Algorithm.RTRL;
            // warm up for ~2 s (at least 3 steps), then time for ~3 s (at least 5 steps)
            long w0 = System.nanoTime();
            for (int t = 0; t < 3 || System.nanoTime() - w0 < 2_000_000_000L; t++) tr.predictAndLearn(us[t & 63], ys[t & 63], yh);
            long t0 = System.nanoTime();
            int steps = 0;
            while (steps < 5 || System.nanoTime() - t0 < 3_000_000_000L) {
                tr.predictAndLearn(us[steps & 63], ys[steps & 63], yh);
                steps++;
            }
            double ms = (System.nanoTime() - t0) / 1e6 / steps;
            String extra = "";
            if (rtrl) {
                double flops = 2.0 * q * q * (double) q * (q + m + 1);
                extra = String.format("  (D·J product: %.2f GFLOP/s counting only its 2q³(q+m+1) flops)", flops / (ms * 1e6));
            }
            System.out.printf("%-5s q=%d m=%d p=%d: %.4f ms/step%s%n", alg, q, m, p, ms, extra);
        }
        // reference: naive dense C = A·B with A q×q, B q×(q·n), inner loop contiguous
        int n = q + m + 1, cols = q * n;
        double[] a = new double[q * q], b = new double[q * cols], c = new double[q * cols];
        for (int k = 0; k < a.length; k++) a[k] = r.nextGaussian();
        for (int k = 0; k < b.length; k++) b[k] = r.nextGaussian();
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            java.util.Arrays.fill(c, 0.0);
            for (int i = 0; i < q; i++) {
                for (int k = 0; k < q; k++) {
                    double aik = a[i * q + k];
                    int bo = k * cols, co = i * cols;
                    for (int j = 0; j < cols; j++) c[co + j] += aik * b[bo + j];
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        System.out.printf("naive dense multiply-add kernel of the same shape: %.1f ms, %.2f GFLOP/s%n",
                best, 2.0 * q * q * (double) cols / (best * 1e6));
    }
}
