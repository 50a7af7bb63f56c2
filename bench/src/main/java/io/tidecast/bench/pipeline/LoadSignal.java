package io.tidecast.bench.pipeline;

import io.tidecast.connectors.extmarker.ExtMarkerReader;
import io.tidecast.connectors.extmarker.Recording;
import io.tidecast.records.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The values of sample {@code i} of bench key {@code k}: either a seeded breathing-like 9-channel signal (3 markers
 * × xyz; per key its own period 3–5 s, amplitude, phase, baseline drift and measurement noise, so no two keys are
 * alike), or the bundled ExtMarker recordings played in a loop (key k replays recording k mod 9 from its own offset).
 * Deterministic: the same seed, key and index give the same values.
 */
public interface LoadSignal {
    int dim();

    double[] values(int key, long i);

    /** Breathing-like: a fundamental with its harmonic (the exhale pause), slow drift and Gaussian noise, in mm. */
    static LoadSignal breathing(int keys, double rateHz, long seed) {
        double[][] p = new double[keys][];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int k = 0; k < keys; k++) {
            p[k] = new double[] {
                    1.0 / (3.0 + 2.0 * rng.nextDouble()), // breathing frequency, Hz
                    4.0 + 8.0 * rng.nextDouble(),          // amplitude, mm
                    2 * Math.PI * rng.nextDouble(),        // phase
                    rng.nextLong()};                       // noise seed
        }
        return new LoadSignal() {
            public int dim() {
                return 9;
            }

            public double[] values(int key, long i) {
                double[] q = p[key];
                double t = i / rateHz;
                double base = 2 * Math.PI * q[0] * t + q[2];
                // per sample noise from a generator seeded by (key, i), so values(key, i) needs no history
                var noise = ZigguratSampler.NormalizedGaussian.of(RandomSource.SPLIT_MIX_64.create((long) q[3] ^ (i * 0x9E3779B97F4A7C15L)));
                double[] v = new double[9];
                for (int c = 0; c < 9; c++) {
                    double gain = 1.0 - 0.08 * c; // markers lower on the chest move less
                    double breath = Math.sin(base + 0.15 * c) + 0.35 * Math.sin(2 * base + 0.3 * c);
                    double drift = 0.5 * Math.sin(2 * Math.PI * 0.01 * t + c);
                    v[c] = 100 * (c % 3) + q[1] * gain * breath + drift + 0.05 * noise.sample();
                }
                return v;
            }
        };
    }

    /** The ExtMarker recordings in {@code dir}, looped. */
    static LoadSignal extMarker(Path dir) throws IOException {
        List<double[][]> recordings = new ArrayList<>();
        for (Recording r : ExtMarkerReader.read(dir)) {
            List<Sample> s = r.samples();
            double[][] v = new double[s.size()][];
            for (int i = 0; i < v.length; i++) v[i] = s.get(i).values;
            recordings.add(v);
        }
        if (recordings.isEmpty()) throw new IOException("no ExtMarker recordings in " + dir);
        int dim = recordings.get(0)[0].length;
        return new LoadSignal() {
            public int dim() {
                return dim;
            }

            public double[] values(int key, long i) {
                double[][] r = recordings.get(key % recordings.size());
                long offset = 37L * (key / recordings.size());
                return r[(int) ((i + offset) % r.length)].clone();
            }
        };
    }
}
