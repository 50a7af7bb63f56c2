package io.tidecast.learners.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** UORO's θ̃/ρ update replaces two divisions by fma quotients: they must round exactly as the division does. */
class UoroQuotientTest {

    @Test
    void fmaQuotientIsTheCorrectlyRoundedDivision() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2_000_000; i++) {
            double a, b;
            switch (i % 4) {
                case 0 -> { // ρ-like divisors (≥ ε = 1e-7) and θ̃-like numerators over many magnitudes
                    b = Uoro.EPSILON + Math.sqrt(r.nextDouble() * 100);
                    a = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-30, 6));
                }
                case 1 -> { // random significands and exponents
                    b = Double.longBitsToDouble((r.nextLong() & 0x000FFFFFFFFFFFFFL) | (1023L + r.nextInt(-60, 60)) << 52);
                    a = Double.longBitsToDouble((r.nextLong() & 0x800FFFFFFFFFFFFFL) | (1023L + r.nextInt(-200, 200)) << 52);
                }
                case 2 -> { // divisors with (nearly) all-ones significands
                    b = Double.longBitsToDouble((0x000FFFFFFFFFFFFFL - r.nextInt(16)) | (1023L + r.nextInt(-5, 5)) << 52);
                    a = Double.longBitsToDouble((r.nextLong() & 0x000FFFFFFFFFFFFFL) | (1023L + r.nextInt(-5, 5)) << 52);
                }
                default -> { // numerators with (nearly) all-ones significands
                    b = Double.longBitsToDouble((r.nextLong() & 0x000FFFFFFFFFFFFFL) | (1023L + r.nextInt(-5, 5)) << 52);
                    a = -Double.longBitsToDouble((0x000FFFFFFFFFFFFFL - r.nextInt(16)) | (1023L + r.nextInt(-5, 5)) << 52);
                }
            }
            final double x = a, y = b;
            assertEquals(Double.doubleToRawLongBits(a / b), Double.doubleToRawLongBits(Uoro.quotient(a, b, 1.0 / b)),
                    () -> x + " / " + y);
        }
        assertEquals(0.0, Uoro.quotient(0.0, 3.0, 1.0 / 3.0));
    }
}
