package io.tidecast.learners.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scoring an instant in a window's total and pane at once gives the same doubles as scoring it in each on its own. */
class ErrorStatsBothTest {
    private static byte[] bytes(ErrorStats s) throws IOException {
        var out = new ByteArrayOutputStream();
        s.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static double[] vector(Random r, int dim) {
        double[] v = new double[dim];
        // wide magnitudes and offsets, so that any other order of the additions would round differently
        for (int c = 0; c < dim; c++) v[c] = -490 + r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
        return v;
    }

    @Test
    void addToBothEqualsTwoAddsBitForBit() throws IOException {
        Random r = new Random(11);
        for (PointLayout layout : new PointLayout[] {new PointLayout(3, 3), new PointLayout(9, 1), new PointLayout(1, 2)}) {
            for (boolean moments : new boolean[] {false, true}) {
                ErrorStats a = new ErrorStats(layout, moments), b = new ErrorStats(layout, moments);
                ErrorStats aAlone = new ErrorStats(layout, moments), bAlone = new ErrorStats(layout, moments);
                double[] previous = null;
                for (int n = 0; n < 500; n++) {
                    double[] y = vector(r, layout.dim()), yhat = vector(r, layout.dim());
                    if (n % 97 == 50) {
                        b.reset(); // a pane starts afresh while the total goes on
                        bAlone.reset();
                    }
                    ErrorStats.addToBoth(a, b, y, yhat, previous);
                    aAlone.add(y, yhat, previous);
                    bAlone.add(y, yhat, previous);
                    previous = n % 13 == 0 ? null : yhat;
                }
                assertThat(bytes(a)).as("%s, moments %s: total", layout.points, moments).isEqualTo(bytes(aAlone));
                assertThat(bytes(b)).as("%s, moments %s: pane", layout.points, moments).isEqualTo(bytes(bAlone));
                assertThat(a.count()).isEqualTo(500);
            }
        }
    }
}
