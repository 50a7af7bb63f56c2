package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The four-rows-at-a-time matrix-vector product sums every row exactly as a plain row-by-row loop does. */
class DenseMatVecTest {
    @Test
    void everyRowIsTheSameSumBitForBit() {
        Random rnd = new Random(8);
        for (int rows = 1; rows <= 13; rows++) {
            for (int cols : new int[] {1, 2, 5, 37, 109}) {
                double[] a = new double[rows * cols];
                double[] x = new double[cols];
                // wide magnitudes, so that any other summation order would round differently
                for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(17) - 8);
                for (int j = 0; j < cols; j++) x[j] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
                double[] expected = new double[rows];
                for (int i = 0; i < rows; i++) {
                    double s = 0;
                    for (int j = 0; j < cols; j++) s += a[i * cols + j] * x[j];
                    expected[i] = s;
                }
                double[] out = new double[rows];
                Dense.matVec(a, rows, cols, x, out);
                assertThat(out).as("%d x %d", rows, cols).isEqualTo(expected);
            }
        }
    }
}
