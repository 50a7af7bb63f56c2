package io.tidecast.learners.rnn;

import java.io.DataInput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;

/**
 * The RNN learner kinds, ready to be registered with {@link Learners#register}:
 * {@value #RTRL}, {@value #UORO}, {@value #SNAP1}, {@value #DNI}.
 *
 * <p>Spec parameters: {@code hidden} (q, default {@value #DEFAULT_HIDDEN}), {@code eta} (η, default
 * {@value #DEFAULT_ETA}), {@code clip} (default 100) and {@code initStd} (default 0.02). Sizes come from the
 * context: inputDim = 1 + d·k (the window with its leading bias 1) and outputDim = d; the seed is
 * {@link LearnerContext#seed()}.
 */
public final class RnnLearners {
    public static final String RTRL = "rnn-rtrl";
    public static final String UORO = "rnn-uoro";
    public static final String SNAP1 = "rnn-snap1";
    public static final String DNI = "rnn-dni";

    public static final int DEFAULT_HIDDEN = 30;
    public static final double DEFAULT_ETA = 0.01;

    private static final Map<String, RnnTrainer.Algorithm> ALGORITHMS = new TreeMap<>(Map.of(
            RTRL, RnnTrainer.Algorithm.RTRL,
            UORO, RnnTrainer.Algorithm.UORO,
            SNAP1, RnnTrainer.Algorithm.SNAP1,
            DNI, RnnTrainer.Algorithm.DNI));

    private RnnLearners() {}

    /** The kind names → their {@link Learners.Kind}; merge-time registration: {@code kinds().forEach(Learners::register)}. */
    public static Map<String, Learners.Kind> kinds() {
        Map<String, Learners.Kind> m = new TreeMap<>();
        for (String k : ALGORITHMS.keySet()) m.put(k, kind(k));
        return m;
    }

    /** The {@link Learners.Kind} for one of the four kind names. */
    public static Learners.Kind kind(String kind) {
        RnnTrainer.Algorithm alg = algorithm(kind);
        return new Learners.Kind() {
            @Override
            public OnlineRegressor create(LearnerSpec spec, LearnerContext ctx) {
                return RnnLearners.create(kind, spec, ctx);
            }

            @Override
            public OnlineRegressor read(DataInput in) throws IOException {
                int version = in.readInt();
                if (version < 1 || version > RnnLearner.STATE_VERSION) {
                    throw new IOException("'" + kind + "' state version " + version + " is newer than this release reads ("
                            + RnnLearner.STATE_VERSION + ")");
                }
                RnnTrainer t = RnnTrainer.read(in);
                if (t.algorithm() != alg) {
                    throw new IOException("state of a " + t.algorithm() + " trainer where '" + kind + "' was expected");
                }
                double[] forecastState = null;
                if (in.readBoolean()) {
                    forecastState = new double[t.hidden()];
                    for (int i = 0; i < forecastState.length; i++) forecastState[i] = in.readDouble();
                }
                return new RnnLearner(kind, t, forecastState);
            }
        };
    }

    public static RnnLearner create(String kind, LearnerSpec spec, LearnerContext ctx) {
        return create(kind, spec, ctx, 1);
    }

    /**
     * One network for {@code heads} forecast horizons: the recurrent core of {@link #create} with a linear read-out per
     * horizon, i.e. an RNN with {@code heads × d} outputs whose target is the horizons' targets side by side. Its loss
     * is the sum of the heads' losses, so the core's gradient is the sum of theirs and the clipping covers every head.
     */
    public static RnnLearner create(String kind, LearnerSpec spec, LearnerContext ctx, int heads) {
        if (heads < 1) throw new IllegalArgumentException("heads must be >= 1, got " + heads);
        RnnTrainer.Algorithm alg = algorithm(kind);
        double h = spec.param("hidden", DEFAULT_HIDDEN);
        if (h != Math.rint(h) || h < 1 || h > 100_000) {
            throw new IllegalArgumentException("learner '" + spec.name + "': hidden must be a positive integer, got " + h);
        }
        RnnTrainer t = RnnTrainer.create(alg, (int) h, ctx.inputDim(), Math.multiplyExact(heads, ctx.outputDim()),
                spec.param("eta", DEFAULT_ETA),
                spec.param("clip", RnnTrainer.DEFAULT_CLIP),
                spec.param("initStd", RnnTrainer.DEFAULT_INIT_STD),
                ctx.seed());
        return new RnnLearner(kind, t);
    }

    /** Whether {@code kind} names one of the RNN learner kinds. */
    public static boolean isRnn(String kind) {
        return ALGORITHMS.containsKey(kind);
    }

    private static RnnTrainer.Algorithm algorithm(String kind) {
        RnnTrainer.Algorithm alg = ALGORITHMS.get(kind);
        if (alg == null) throw new IllegalArgumentException("not an RNN learner kind: '" + kind + "'; known: " + ALGORITHMS.keySet());
        return alg;
    }
}
