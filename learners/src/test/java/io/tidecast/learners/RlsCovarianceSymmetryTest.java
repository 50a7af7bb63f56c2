package io.tidecast.learners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The covariance's stored layout: a triangle when P is exactly symmetric, every entry otherwise. */
class RlsCovarianceSymmetryTest {
    private static double[] symmetric(int m, long seed) {
        Random rnd = new Random(seed);
        double[] a = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double v = rnd.nextGaussian();
                a[i * m + j] = v;
                a[j * m + i] = v;
            }
        }
        return a;
    }

    private static double[] roundTrip(double[] a, int m) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RlsCovariance.writeSymmetric(new DataOutputStream(bytes), a, m);
        return RlsCovariance.readSymmetric(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), m);
    }

    @Test
    void everySingleAsymmetricEntryIsFoundWhateverItsTile() throws Exception {
        for (int m : new int[] {1, 7, 8, 9, 17, 37}) {
            double[] a = symmetric(m, m);
            assertThat(RlsCovariance.isSymmetric(a, m)).as("m=%d", m).isTrue();
            assertThat(roundTrip(a, m)).isEqualTo(a);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i == j) continue;
                    double[] b = a.clone();
                    b[i * m + j] = Math.nextUp(b[i * m + j]);
                    assertThat(RlsCovariance.isSymmetric(b, m)).as("m=%d, entry (%d,%d)", m, i, j).isFalse();
                    if (m <= 9) assertThat(roundTrip(b, m)).as("an asymmetric P is stored whole").isEqualTo(b);
                }
            }
        }
    }

    @Test
    void signedZerosAndNaNPayloadsCountAsDifferentBits() {
        double[] a = {1, 0.0, -0.0, 1};
        assertThat(RlsCovariance.isSymmetric(a, 2)).isFalse();
        double[] n = {1, Double.longBitsToDouble(0x7ff8000000000001L), Double.NaN, 1};
        assertThat(RlsCovariance.isSymmetric(n, 2)).isFalse();
    }
}
