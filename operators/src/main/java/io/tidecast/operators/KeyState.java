package io.tidecast.operators;

import io.tidecast.learners.BulkDoubles;
import io.tidecast.learners.metrics.PointLayout;
import io.tidecast.learners.metrics.RollingErrors;
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
     * their mode (mix or pick) and groupwise regret accounts. 3: RLS covariances shared across horizons. 4: RNNs shared across horizons ({@link SharedNetwork}; a track
     * says whether it has a learner of its own), and the metrics' target moments kept once per horizon
     * ({@link #targets}) instead of once per model and horizon. 5: a shared network is the shortest horizon's network
     * with a linear head per longer horizon and a ring of hidden states (format 4's summed-loss network, never
     * released, restores as a stand-in that starts afresh: {@link SharedNetwork#readFormat4}).
     */
    static final int VERSION = 5;

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
    /**
     * Version 4: per horizon, the target moments (nRMSE's denominator) of the instants scored there, over the same
     * total and panes as every model's error sums at that horizon: all models at a horizon score the same instants.
     * Null until warm.
     */
    RollingErrors[] targets;
    /** Version 4: one RNN per RNN learner serving all its horizons, or null. */
    SharedNetwork[] networks;

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

    /**
     * A deep copy whose {@link #write} bytes equal this one's: what the heap backend's copy-on-write takes for every
     * key on its first access after each checkpoint. Arrays and metrics are copied directly; ensembles and shared
     * networks (and learners without {@link io.tidecast.learners.OnlineRegressor#copy}) go
     * through their binary format.
     */
    KeyState copy() {
        KeyState c = new KeyState();
        c.dim = dim;
        c.lastTs = lastTs;
        c.samples = samples;
        c.cleanupTimer = cleanupTimer;
        c.layout = layout;
        c.panes = panes;
        c.history = history.copy();
        c.mean = clone(mean);
        c.m2 = clone(m2);
        c.std = clone(std);
        c.firstForecast = firstForecast;
        if (tracks != null) {
            c.tracks = new Track[tracks.length];
            for (int i = 0; i < tracks.length; i++) c.tracks[i] = tracks[i].copy();
        }
        if (ensembles != null) {
            c.ensembles = new Ensemble[ensembles.length];
            for (int i = 0; i < ensembles.length; i++) {
                Ensemble e = ensembles[i];
                c.ensembles[i] = KeyStateSerializer.copyThroughBytes(e::write, in -> Ensemble.read(in, VERSION, dim, layout, panes));
            }
        }
        if (covariances != null) {
            c.covariances = new SharedCovariance[covariances.length];
            for (int i = 0; i < covariances.length; i++) c.covariances[i] = covariances[i].copy();
        }
        if (targets != null) {
            c.targets = new RollingErrors[targets.length];
            for (int i = 0; i < targets.length; i++) c.targets[i] = targets[i].copy();
        }
        if (networks != null) {
            c.networks = new SharedNetwork[networks.length];
            for (int i = 0; i < networks.length; i++) c.networks[i] = KeyStateSerializer.copyThroughBytes(networks[i]::write, SharedNetwork::read);
        }
        return c;
    }

    private static double[] clone(double[] a) {
        return a == null ? null : a.clone();
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
        out.writeInt(targets == null ? -1 : targets.length);
        if (targets != null) {
            for (RollingErrors t : targets) t.write(out);
        }
        out.writeInt(networks == null ? -1 : networks.length);
        if (networks != null) {
            for (SharedNetwork n : networks) n.write(out);
        }
    }

    /** The network serving every horizon of {@code model}, or null. */
    SharedNetwork network(String model) {
        if (networks == null) return null;
        for (SharedNetwork n : networks) {
            if (n.model.equals(model)) return n;
        }
        return null;
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
            for (int i = 0; i < n; i++) s.tracks[i] = Track.read(in, version, s.dim, s.layout, s.panes);
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
        if (version >= 4) {
            int h = in.readInt();
            if (h >= 0) {
                s.targets = new RollingErrors[h];
                for (int i = 0; i < h; i++) {
                    s.targets[i] = RollingErrors.targetsOnly(s.layout, s.panes);
                    s.targets[i].read(in);
                }
            }
        } else if (s.tracks != null) {
            // every model at a horizon kept the same target moments: the first learner's tracks (learner-major) give them
            int h = 0;
            while (h < s.tracks.length && s.tracks[h].model.equals(s.tracks[0].model)) h++;
            s.targets = new RollingErrors[h];
            for (int j = 0; j < h; j++) s.targets[j] = s.tracks[j].legacyTargets;
            for (Track t : s.tracks) t.legacyTargets = null;
        }
        int nets = version >= 4 ? in.readInt() : -1;
        if (nets >= 0) {
            s.networks = new SharedNetwork[nets];
            for (int i = 0; i < nets; i++) s.networks[i] = version >= 5 ? SharedNetwork.read(in) : SharedNetwork.readFormat4(in);
        }
        return s;
    }

    /** Metrics of a format before 4 (sums and target moments together), split into the sums and the moments. */
    static RollingErrors[] readLegacyErrors(DataInput in, PointLayout layout, int panes) throws IOException {
        RollingErrors full = new RollingErrors(layout, panes, true);
        full.read(in);
        return full.splitTargets();
    }

    private static void writeArray(DataOutput out, double[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a != null) BulkDoubles.write(out, a);
    }

    private static double[] readArray(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        return BulkDoubles.read(in, n);
    }
}
