package io.tidecast.jobs.config;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.operators.EnsembleSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a learner with a {@code search} into its grid members and the search model: the streaming replacement
 * for the published benchmark's offline grid search. Every grid point becomes a learner of the same kind, named
 * {@code name[p1=v1,p2=v2]} (values in plain decimal, parameters in the order written), with the learner's own
 * {@code params} and {@code history} as the base that the grid point overrides.
 */
public record SearchGrid(List<LearnerSpec> members, EnsembleSpec search) {
    /** Grid points per search; each is a learner per horizon, so this bounds the per-key state. */
    public static final int MAX_POINTS = 64;
    static final String HISTORY = "history";

    static SearchGrid expand(JobConfig.Learner l) {
        JobConfig.Search s = l.search;
        String what = "learner '" + l.name + "' search";
        if (s.grid == null || s.grid.isEmpty()) throw new IllegalArgumentException(what + ": the grid is empty");
        long points = 1;
        for (Map.Entry<String, List<Double>> e : s.grid.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException(what + ": grid parameter '" + e.getKey() + "' has no values");
            }
            for (Double v : e.getValue()) {
                if (v == null || !Double.isFinite(v)) throw new IllegalArgumentException(what + ": grid values must be finite numbers");
                if (e.getKey().equals(HISTORY) && (v != Math.rint(v) || v < 1)) {
                    throw new IllegalArgumentException(what + ": history values must be whole numbers >= 1, got " + v);
                }
            }
            points *= e.getValue().size();
        }
        if (points > MAX_POINTS) throw new IllegalArgumentException(what + ": " + points + " grid points, at most " + MAX_POINTS);
        List<String> names = new ArrayList<>(s.grid.keySet());
        List<LearnerSpec> members = new ArrayList<>();
        int[] idx = new int[names.size()];
        for (long p = 0; p < points; p++) {
            Map<String, Double> params = new LinkedHashMap<>(l.params);
            int history = l.history;
            StringBuilder label = new StringBuilder(l.name).append('[');
            for (int i = 0; i < names.size(); i++) {
                double v = s.grid.get(names.get(i)).get(idx[i]);
                if (names.get(i).equals(HISTORY)) history = (int) v;
                else params.put(names.get(i), v);
                label.append(i == 0 ? "" : ",").append(names.get(i)).append('=').append(plain(v));
            }
            members.add(new LearnerSpec(label.append(']').toString(), l.kind, history, params));
            for (int i = names.size() - 1; i >= 0; i--) { // last parameter varies fastest
                if (++idx[i] < s.grid.get(names.get(i)).size()) break;
                idx[i] = 0;
            }
        }
        String model = s.model == null || s.model.isBlank() ? l.name + "-search" : s.model;
        EnsembleSpec.Mode mode = EnsembleSpec.Mode.parse(s.mode == null ? "mix" : s.mode);
        return new SearchGrid(members, new EnsembleSpec(model, s.policy, mode, members.stream().map(m -> m.name).toList()));
    }

    /** 0.0005 rather than 5.0E-4, 12 rather than 12.0. */
    static String plain(double v) {
        String t = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return t.equals("-0") ? "0" : t;
    }
}
