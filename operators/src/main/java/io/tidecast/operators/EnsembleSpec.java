package io.tidecast.operators;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A model made of other models' forecasts at each horizon: the {@code ensemble} over all learners, or an online
 * hyperparameter search over the grid members of one learner family. An expert policy learns the members' weights
 * from their losses at that horizon as they arrive; {@link Mode#MIX} forecasts the weighted mean of the members'
 * forecasts, {@link Mode#PICK} the forecast of the member with the largest weight (ties: first listed).
 */
public final class EnsembleSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Mode {
        MIX, PICK;

        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("mode must be mix or pick, not '" + s + "'");
            }
        }
    }

    public final String name;
    public final String policy;
    public final Mode mode;
    /** Learner names, in the order the weights refer to them. */
    public final List<String> members;

    public EnsembleSpec(String name, String policy, Mode mode, List<String> members) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an ensemble or search needs a name");
        this.name = name;
        this.policy = policy == null ? "hedge" : policy;
        this.mode = mode == null ? Mode.MIX : mode;
        this.members = List.copyOf(members);
    }

    @Override
    public String toString() {
        return name + "(" + policy + ", " + mode.name().toLowerCase(Locale.ROOT) + ", " + members + ")";
    }
}
