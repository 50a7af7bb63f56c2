package io.tidecast.operators;

import io.tidecast.learners.metrics.PointLayout;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Everything the forecast operator keeps for one key, in one state object (one state access per record).
 * Serialised by {@link KeyStateSerializer} in an explicit, versioned format.
 */
public final class KeyState {
    /**
     * Version of the format written by {@link #write}; readers accept this and older versions. 2: ensembles carry
     * their mode (mix or pick) and groupwise regret accounts. 3: RLS covariances shared across horizons.
     */
    static final int VERSION = 3;

    int dim;
    long lastTs;
    /** Samples accepted so far; the next sample gets this index. */
    long samples;
    /** Event time of the registered clean-up timer, or {@link Long#MIN_VALUE} when none is registered. */
    long cleanupTimer = Long.MIN_VALUE;
    PointLayout layout;
    int panes;
    HistoryRing history;
    /** Warm-up moments (Welford); after the warm-up, {@code mean} and {@code std} standardise the key. */
    double[] mean;
    double[] m2;
    double[] std;
    /** Index of the first sample forecast from; meaningful once warm. */
    long firstForecast;
    /** Learner × horizon tracks (learner-major), null until the warm-up is complete. */
    Track[] tracks;
    /** Ensembles and searches × horizons (ensemble-major), or null (none configured, or not warm yet). */
    Ensemble[] ensembles;
    /** Version 2: one RLS covariance per RLS learner shared by its horizons, or null. */
    SharedCovariance[] covariances;

    public KeyState() {}

    KeyState(int dim, PointLayout layout, int panes, int historyCapacity) {
        this.dim = dim;
        this.layout = layout;
        this.panes = panes;
        this.history = new HistoryRing(dim, historyCapacity);
        this.mean = new double[dim];
        this.m2 = new double[dim];
        this.lastTs = Long.MIN_VALUE;
    }

    boolean warm() {
        return tracks != null;
    }

    /** Serialised size in bytes, for the per-key state figures. */
    public int sizeInBytes() {
        try {
            var counter = new java.io.DataOutputStream(java.io.OutputStream.nullOutputStream());
            write(counter);
            return counter.size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(VERSION);
        out.writeInt(dim);
        out.writeLong(lastTs);
        out.writeLong(samples);
        out.writeLong(cleanupTimer);
        out.writeInt(layout.points);
        out.writeInt(layout.coordinates);
        out.writeInt(panes);
        history.write(out);
        writeArray(out, mean);
        writeArray(out, m2);
        writeArray(out, std);
        out.writeLong(firstForecast);
        out.writeInt(tracks == null ? -1 : tracks.length);
        if (tracks != null) {
            for (Track t : tracks) t.write(out);
        }
        out.writeInt(ensembles == null ? -1 : ensembles.length);
        if (ensembles != null) {
            for (Ensemble e : ensembles) e.write(out);
        }
        out.writeInt(covariances == null ? -1 : covariances.length);
        if (covariances != null) {
            for (SharedCovariance c : covariances) c.write(out);
        }
    }

    /** The covariance shared by the horizons of {@code model}, or null. */
    SharedCovariance covariance(String model) {
        if (covariances == null) return null;
        for (SharedCovariance c : covariances) {
            if (c.model.equals(model)) return c;
        }
        return null;
    }

    static KeyState read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("key state format " + version + " is newer than this release reads (" + VERSION + ")");
        }
        KeyState s = new KeyState();
        s.dim = in.readInt();
        s.lastTs = in.readLong();
        s.samples = in.readLong();
        s.cleanupTimer = in.readLong();
        s.layout = new PointLayout(in.readInt(), in.readInt());
        s.panes = in.readInt();
        s.history = HistoryRing.read(in, s.dim);
        s.mean = readArray(in);
        s.m2 = readArray(in);
        s.std = readArray(in);
        s.firstForecast = in.readLong();
        int n = in.readInt();
        if (n >= 0) {
            s.tracks = new Track[n];
            for (int i = 0; i < n; i++) s.tracks[i] = Track.read(in, s.dim, s.layout, s.panes);
        }
        int e = in.readInt();
        if (e >= 0) {
            s.ensembles = new Ensemble[e];
            for (int i = 0; i < e; i++) s.ensembles[i] = Ensemble.read(in, version, s.dim, s.layout, s.panes);
        }
        int c = version >= 3 ? in.readInt() : -1;
        if (c >= 0) {
            s.covariances = new SharedCovariance[c];
            for (int i = 0; i < c; i++) s.covariances[i] = SharedCovariance.read(in);
        }
        return s;
    }

    private static void writeArray(DataOutput out, double[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a != null) {
            for (double v : a) out.writeDouble(v);
        }
    }

    private static double[] readArray(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = in.readDouble();
        return a;
    }
}
