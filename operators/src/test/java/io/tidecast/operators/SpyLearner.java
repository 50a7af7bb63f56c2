package io.tidecast.operators;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A test learner that predicts zero and records every target it is taught, to check causality. */
final class SpyLearner implements OnlineRegressor {
    static final List<double[]> TAUGHT = Collections.synchronizedList(new ArrayList<>());
    private final int in;
    private final int out;

    /** A learner whose forecasts become NaN after it has learned {@code n} pairs: a diverged learner. */
    static void registerDiverging(int n) {
        Learners.register("diverging", new Learners.Kind() {
            public OnlineRegressor create(LearnerSpec spec, LearnerContext ctx) {
                return new Diverging(ctx.inputDim(), ctx.outputDim(), n, 0);
            }

            public OnlineRegressor read(DataInput din) throws IOException {
                return new Diverging(din.readInt(), din.readInt(), din.readInt(), din.readInt());
            }
        });
    }

    static final class Diverging implements OnlineRegressor {
        final int in;
        final int out;
        final int limit;
        int learned;

        Diverging(int in, int out, int limit, int learned) {
            this.in = in;
            this.out = out;
            this.limit = limit;
            this.learned = learned;
        }

        public String kind() {
            return "diverging";
        }

        public int inputDim() {
            return in;
        }

        public int outputDim() {
            return out;
        }

        public void predict(double[] x, double[] o) {
            java.util.Arrays.fill(o, 0, out, learned > limit ? Double.NaN : 0.0);
        }

        public void learn(double[] x, double[] y) {
            learned++;
        }

        public void writeState(DataOutput o) throws IOException {
            o.writeInt(in);
            o.writeInt(out);
            o.writeInt(limit);
            o.writeInt(learned);
        }
    }

    static void register() {
        Learners.register("spy", new Learners.Kind() {
            public OnlineRegressor create(LearnerSpec spec, LearnerContext ctx) {
                return new SpyLearner(ctx.inputDim(), ctx.outputDim());
            }

            public OnlineRegressor read(DataInput din) throws IOException {
                return new SpyLearner(din.readInt(), din.readInt());
            }
        });
    }

    SpyLearner(int in, int out) {
        this.in = in;
        this.out = out;
    }

    public String kind() {
        return "spy";
    }

    public int inputDim() {
        return in;
    }

    public int outputDim() {
        return out;
    }

    public void predict(double[] x, double[] o) {
        java.util.Arrays.fill(o, 0, out, 0.0);
    }

    public void learn(double[] x, double[] y) {
        double[] rec = new double[x.length + y.length];
        System.arraycopy(x, 0, rec, 0, x.length);
        System.arraycopy(y, 0, rec, x.length, y.length);
        TAUGHT.add(rec);
    }

    public void writeState(DataOutput o) throws IOException {
        o.writeInt(in);
        o.writeInt(out);
    }
}
