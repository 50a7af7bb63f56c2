package io.tidecast.learners.groupwise;

import io.tidecast.records.GroupMetrics;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one key (data set or tenant) of the groupwise job keeps, and the one per-record step that the offline
 * harness and the Flink operator both run: scale the numeric features, append the indicators, predict with the state
 * before the target (ours and the baseline), then take in the target, learn, and book every loss on each of the
 * record's groups (and always-on). The feature layout is fixed by the key's first record.
 */
public final class GroupwiseStream {
    static final int STATE_VERSION = 1;

    private final MinMaxScaler scaler;
    private final int indicators;
    private final GroupwiseRegressor regressor;
    private final List<GroupLedger> ledgers;
    private long records;

    /** What a record produced, in target units. */
    public record Outcome(double prediction, double baseline, double expectedLoss, double mixtureLoss, double baselineLoss) {}

    public GroupwiseStream(MinMaxScaler scaler, int indicators, double lambda) {
        this(scaler, indicators, new GroupwiseRegressor(scaler.numericFeatures() + indicators, lambda), new ArrayList<>(), 0);
        ledgers.add(new GroupLedger(regressor.features()));
    }

    private GroupwiseStream(MinMaxScaler scaler, int indicators, GroupwiseRegressor regressor, List<GroupLedger> ledgers, long records) {
        this.scaler = scaler;
        this.indicators = indicators;
        this.regressor = regressor;
        this.ledgers = ledgers;
        this.records = records;
    }

    public long records() {
        return records;
    }

    public GroupwiseRegressor regressor() {
        return regressor;
    }

    /**
     * Checks a record against this key's layout without changing anything.
     *
     * @return null if usable, else the reason
     */
    public String problem(double[] features, double[] indicatorValues, double target, String[] groups) {
        int nf = features == null ? 0 : features.length;
        int ni = indicatorValues == null ? 0 : indicatorValues.length;
        if (nf != scaler.numericFeatures()) return "expected " + scaler.numericFeatures() + " features for this key, got " + nf;
        if (ni != indicators) return "expected " + indicators + " indicators for this key, got " + ni;
        if (!Double.isFinite(target)) return "target is not a finite number";
        int fresh = 0;
        if (groups != null) {
            for (String g : groups) {
                if (g == null || g.isBlank()) return "a group name is blank";
                if (regressor.indexOf(g) < 0) fresh++;
            }
        }
        if (regressor.size() + fresh > GroupwiseRegressor.MAX_GROUPS) return "more than " + GroupwiseRegressor.MAX_GROUPS + " groups for this key";
        return null;
    }

    /** One record; {@link #problem} must have returned null for it. */
    public Outcome process(double[] features, double[] indicatorValues, double target, String[] groups) {
        String p = problem(features, indicatorValues, target, groups);
        if (p != null) throw new IllegalArgumentException(p);
        int nf = scaler.numericFeatures();
        int d = regressor.features();
        double[] x = new double[d];
        double[] raw = new double[d];
        scaler.scaleFeatures(features, x);
        System.arraycopy(features, 0, raw, 0, nf);
        if (indicators > 0) {
            System.arraycopy(indicatorValues, 0, x, nf, indicators);
            System.arraycopy(indicatorValues, 0, raw, nf, indicators);
        }
        boolean[] awake = awake(groups);

        GroupwiseRegressor.Step before = regressor.predict(x, awake);
        double prediction = scaler.unscaleTarget(before.prediction);
        double baseline = scaler.unscaleTarget(before.baselinePrediction);
        double expected = 0;
        for (int g = 0; g < awake.length; g++) {
            if (awake[g]) {
                double e = scaler.unscaleTarget(before.expertPredictions[g]) - target;
                expected += before.weights[g] * e * e;
            }
        }
        double mixture = (prediction - target) * (prediction - target);
        double base = (baseline - target) * (baseline - target);

        regressor.step(x, awake, scaler.observeTarget(target));
        for (int g = 0; g < awake.length; g++) {
            if (awake[g]) ledgers.get(g).add(raw, target, expected, mixture, base);
        }
        records++;
        return new Outcome(prediction, baseline, expected, mixture, base);
    }

    private boolean[] awake(String[] groups) {
        if (groups != null) {
            for (String g : groups) {
                int i = regressor.addGroup(g);
                while (ledgers.size() <= i) ledgers.add(new GroupLedger(regressor.features()));
            }
        }
        boolean[] awake = new boolean[regressor.size()];
        awake[0] = true;
        if (groups != null) for (String g : groups) awake[regressor.indexOf(g)] = true;
        return awake;
    }

    /**
     * The account of every group so far.
     *
     * @param paperHindsight fit the hindsight comparator without each group's last row, as the paper's evaluation does
     */
    public List<GroupMetrics> metrics(String key, boolean paperHindsight, boolean last) {
        List<String> names = regressor.groups();
        List<GroupMetrics> out = new ArrayList<>(names.size());
        for (int g = 0; g < names.size(); g++) {
            GroupLedger l = ledgers.get(g);
            out.add(new GroupMetrics(key, names.get(g), l.count(), l.ours(), l.oursMixture(), l.baseline(), l.hindsightSse(paperHindsight), last));
        }
        return out;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        scaler.write(out);
        out.writeInt(indicators);
        regressor.write(out);
        out.writeInt(ledgers.size());
        for (GroupLedger l : ledgers) l.write(out);
        out.writeLong(records);
    }

    public static GroupwiseStream read(DataInput in) throws IOException {
        int v = in.readInt();
        if (v != STATE_VERSION) throw new IOException("groupwise stream state version " + v + " is not supported");
        MinMaxScaler scaler = MinMaxScaler.read(in);
        int indicators = in.readInt();
        GroupwiseRegressor regressor = GroupwiseRegressor.read(in);
        int n = in.readInt();
        if (n != regressor.size()) throw new IOException("groupwise stream state: " + n + " ledgers for " + regressor.size() + " groups");
        List<GroupLedger> ledgers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ledgers.add(GroupLedger.read(in));
        return new GroupwiseStream(scaler, indicators, regressor, ledgers, in.readLong());
    }
}
