package io.tidecast.learners.metrics;

import java.io.Serializable;

/**
 * How a sample vector groups into points whose Euclidean error is scored (the published metrics use the 3D
 * distance per marker, not per coordinate). Values are coordinate-major, as in ExtMarker's
 * {@code x1,x2,x3,y1,y2,y3,z1,z2,z3}: coordinate c of point i sits at {@code c * points + i}.
 */
public final class PointLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int points;
    public final int coordinates;

    public PointLayout(int points, int coordinates) {
        if (points < 1 || coordinates < 1) throw new IllegalArgumentException("points and coordinates must be >= 1");
        this.points = points;
        this.coordinates = coordinates;
    }

    /** Points of {@code pointDims} coordinates when the vector length allows it, else one point per value. */
    public static PointLayout of(int dim, int pointDims) {
        return pointDims > 0 && dim % pointDims == 0 ? new PointLayout(dim / pointDims, pointDims) : new PointLayout(dim, 1);
    }

    public int dim() {
        return points * coordinates;
    }

    /** Euclidean distance of point {@code i} between two vectors. */
    public double distance(double[] a, double[] b, int i) {
        double s = 0;
        for (int c = 0; c < coordinates; c++) {
            double e = a[c * points + i] - b[c * points + i];
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
