package io.tidecast.jobs.groupwise;

import io.tidecast.connectors.csv.CsvTable;
import io.tidecast.learners.groupwise.GroupRule;
import io.tidecast.records.GroupRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A CSV file encoded for the groupwise learners, as the paper encodes the medical-cost data: numeric feature columns
 * stay numeric (the scaler min-max scales them), every other feature column is one-hot encoded (one indicator per
 * distinct value, sorted, as pandas {@code get_dummies}), and each group's membership is appended as an indicator
 * feature too (so the baseline knows the groups), except a group {@code col=value} on a one-hot encoded column, whose
 * indicator is already there.
 */
public final class GroupwiseDataset {
    /** The paper's medical-cost groups: age, BMI, smoker and sex (always-on is implicit). */
    public static final List<String> INSURANCE_GROUPS = List.of(
            "young:age<=35", "middle:age>35&age<=50", "old:age>50",
            "underweight:bmi<18.5", "healthy:bmi>=18.5&bmi<25", "overweight:bmi>=25&bmi<30", "obese:bmi>=30",
            "smoker:smoker=yes", "non-smoker:smoker=no", "male:sex=male", "female:sex=female");
    public static final List<String> INSURANCE_FEATURES = List.of("age", "bmi", "children", "sex", "smoker", "region");
    public static final String INSURANCE_TARGET = "charges";

    public final String name;
    public final List<String> numericNames = new ArrayList<>();
    public final List<String> indicatorNames = new ArrayList<>();
    public final List<String> groupNames = new ArrayList<>();
    final double[][] numeric;
    final double[][] indicators;
    final double[] target;
    final boolean[][] member;

    private GroupwiseDataset(String name, int rows) {
        this.name = name;
        this.numeric = new double[rows][];
        this.indicators = new double[rows][];
        this.target = new double[rows];
        this.member = new boolean[rows][];
    }

    /** The shipped medical-cost data with the paper's features and groups. */
    public static GroupwiseDataset insurance(Path home) throws IOException {
        return load(home.resolve("data").resolve("insurance").resolve("insurance.csv"), "insurance", INSURANCE_FEATURES,
                INSURANCE_TARGET, INSURANCE_GROUPS);
    }

    /**
     * @throws IllegalArgumentException with a one-line reason if a column is missing or a value unusable
     */
    public static GroupwiseDataset load(Path file, String name, List<String> features, String targetColumn, List<String> groupSpecs)
            throws IOException {
        CsvTable t = CsvTable.read(file);
        if (features == null || features.isEmpty()) throw new IllegalArgumentException("no features: pass --features a,b,c");
        for (String f : features) {
            if (!t.has(f)) throw new IllegalArgumentException("feature column '" + f + "' is not in " + file + " (columns: " + t.header() + ")");
        }
        if (targetColumn == null || !t.has(targetColumn)) {
            throw new IllegalArgumentException("target column '" + targetColumn + "' is not in " + file + " (columns: " + t.header() + ")");
        }
        if (features.contains(targetColumn)) throw new IllegalArgumentException("the target '" + targetColumn + "' is also listed as a feature");
        List<GroupRule> rules = new ArrayList<>();
        for (String s : groupSpecs) {
            GroupRule r = GroupRule.parse(s);
            for (String c : r.columns()) {
                if (!t.has(c)) throw new IllegalArgumentException("group '" + s + "' reads column '" + c + "', which is not in " + file);
            }
            if (rules.stream().anyMatch(o -> o.name().equals(r.name()))) throw new IllegalArgumentException("group name '" + r.name() + "' is used twice");
            rules.add(r);
        }
        int n = t.rows();
        GroupwiseDataset d = new GroupwiseDataset(name, n);
        List<String> numericCols = new ArrayList<>();
        List<String> oneHotCols = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        for (String f : features) {
            boolean numeric = true;
            for (int r = 0; r < n && numeric; r++) numeric = number(t.cell(r, f)) != null;
            if (numeric) {
                numericCols.add(f);
            } else {
                TreeSet<String> values = new TreeSet<>();
                for (int r = 0; r < n; r++) values.add(t.cell(r, f).strip());
                oneHotCols.add(f);
                levels.add(List.copyOf(values));
            }
        }
        d.numericNames.addAll(numericCols);
        for (int c = 0; c < oneHotCols.size(); c++) {
            for (String v : levels.get(c)) d.indicatorNames.add(oneHotCols.get(c) + "_" + v);
        }
        List<Boolean> groupAsFeature = new ArrayList<>();
        for (GroupRule r : rules) {
            boolean covered = false;
            for (int c = 0; c < oneHotCols.size(); c++) {
                String v = r.equalityOn(oneHotCols.get(c));
                if (v != null && levels.get(c).contains(v)) covered = true;
            }
            groupAsFeature.add(!covered);
            if (!covered) d.indicatorNames.add("group_" + r.name());
            d.groupNames.add(r.name());
        }
        for (int r = 0; r < n; r++) {
            final int row = r;
            double[] x = new double[numericCols.size()];
            for (int i = 0; i < x.length; i++) x[i] = number(t.cell(r, numericCols.get(i)));
            double[] ind = new double[d.indicatorNames.size()];
            int k = 0;
            for (int c = 0; c < oneHotCols.size(); c++) {
                String v = t.cell(r, oneHotCols.get(c)).strip();
                for (String level : levels.get(c)) ind[k++] = level.equals(v) ? 1 : 0;
            }
            boolean[] m = new boolean[rules.size()];
            for (int g = 0; g < rules.size(); g++) {
                m[g] = rules.get(g).test(col -> t.cell(row, col));
                if (groupAsFeature.get(g)) ind[k++] = m[g] ? 1 : 0;
            }
            Double y = number(t.cell(r, targetColumn));
            if (y == null) {
                throw new IllegalArgumentException(file + ": row " + (r + 1) + ": target '" + targetColumn + "' is '" + t.cell(r, targetColumn)
                        + "', not a finite number");
            }
            d.numeric[r] = x;
            d.indicators[r] = ind;
            d.target[r] = y;
            d.member[r] = m;
        }
        return d;
    }

    private static Double number(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            double v = Double.parseDouble(s.strip());
            return Double.isFinite(v) && Character.isDigit(s.strip().charAt(s.strip().length() - 1)) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public int rows() {
        return target.length;
    }

    public int features() {
        return numericNames.size() + indicatorNames.size();
    }

    /** Rows in each group, in {@link #groupNames} order. */
    public long[] groupSizes() {
        long[] s = new long[groupNames.size()];
        for (boolean[] m : member) for (int g = 0; g < m.length; g++) if (m[g]) s[g]++;
        return s;
    }

    /** Range of the target over the whole file; the unit in which losses are reported (as the paper's scaled target). */
    public double targetRange() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double y : target) {
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
        }
        return hi > lo ? hi - lo : 1;
    }

    double[] numericMin() {
        return extreme(true);
    }

    double[] numericMax() {
        return extreme(false);
    }

    private double[] extreme(boolean min) {
        double[] e = new double[numericNames.size()];
        java.util.Arrays.fill(e, min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        for (double[] x : numeric) for (int i = 0; i < e.length; i++) e[i] = min ? Math.min(e[i], x[i]) : Math.max(e[i], x[i]);
        return e;
    }

    double targetMin() {
        double m = Double.POSITIVE_INFINITY;
        for (double y : target) m = Math.min(m, y);
        return m;
    }

    double targetMax() {
        double m = Double.NEGATIVE_INFINITY;
        for (double y : target) m = Math.max(m, y);
        return m;
    }

    /** Row {@code row} as a record of the groupwise Kafka contract. */
    public GroupRecord record(String key, int row, long ts) {
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < groupNames.size(); g++) if (member[row][g]) groups.add(groupNames.get(g));
        return new GroupRecord(key, ts, numeric[row].clone(), indicators[row].clone(), target[row], groups.toArray(String[]::new));
    }
}
