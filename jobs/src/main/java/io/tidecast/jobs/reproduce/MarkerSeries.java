package io.tidecast.jobs.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One ExtMarker sequence as the benchmark uses it: T samples of 9 values (x1,x2,x3,y1,y2,y3,z1,z2,z3 in mm),
 * stored time-major in one flat array so that an input window is one contiguous copy.
 */
public final class MarkerSeries {
    public static final int DIM = 9;

    public final int sequence;
    private final double[] values;

    public MarkerSeries(int sequence, double[] values) {
        if (values.length % DIM != 0) throw new IllegalArgumentException("length must be a multiple of " + DIM);
        this.sequence = sequence;
        this.values = values;
    }

    /** Reads {@code dir/seq<N>_<rate>.csv} (header x1..z3, one comma-separated row per time step). */
    public static MarkerSeries load(Path dir, int sequence, Rate rate) {
        Path file = dir.resolve("seq" + sequence + "_" + rate.fileSuffix + ".csv");
        try {
            List<String> lines = Files.readAllLines(file);
            double[] v = new double[(lines.size() - 1) * DIM];
            int n = 0;
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty()) continue;
                String[] f = line.split(",");
                if (f.length != DIM) throw new IOException(file + " line " + (i + 1) + ": expected " + DIM + " values");
                for (String s : f) v[n++] = Double.parseDouble(s);
            }
            return new MarkerSeries(sequence, n == v.length ? v : java.util.Arrays.copyOf(v, n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** T, the number of samples. */
    public int length() {
        return values.length / DIM;
    }

    /** Value of coordinate c at 1-based time t. */
    public double at(int t, int c) {
        return values[(t - 1) * DIM + c];
    }

    /** The flat time-major values (shared, do not modify). */
    double[] flat() {
        return values;
    }
}
