package io.tidecast.learners;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Shared test helpers: random inputs, linear targets, state snapshots. */
final class TestData {
    private TestData() {}

    /** x = [1; N(0,1) ...]. */
    static void randomInput(Random rnd, double[] x) {
        x[0] = 1.0;
        for (int j = 1; j < x.length; j++) {
            x[j] = rnd.nextGaussian();
        }
    }

    /** A d x m matrix with N(0, 1/m) entries, row-major. */
    static double[] randomMatrix(Random rnd, int d, int m) {
        double[] a = new double[d * m];
        double s = 1.0 / Math.sqrt(m);
        for (int i = 0; i < a.length; i++) {
            a[i] = s * rnd.nextGaussian();
        }
        return a;
    }

    static void apply(double[] a, int d, int m, double[] x, double[] y) {
        Dense.matVec(a, d, m, x, y);
    }

    static byte[] snapshot(OnlineRegressor learner) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Learners.write(learner, new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OnlineRegressor restore(byte[] state) {
        try {
            return Learners.read(new DataInputStream(new ByteArrayInputStream(state)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
