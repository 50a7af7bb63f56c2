package io.tidecast.operators;

import io.tidecast.learners.relax.CostTable;
import io.tidecast.learners.relax.InvalidSystemException;
import io.tidecast.learners.relax.OmegaGrid;
import io.tidecast.learners.relax.RelaxLearner;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.RelaxTrial;
import io.tidecast.learners.relax.Sor;
import io.tidecast.learners.relax.SparseSystem;
import io.tidecast.learners.relax.Young;
import io.tidecast.records.RelaxResult;
import io.tidecast.records.RelaxSystem;
import io.tidecast.records.Reject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The relaxation tuner per key (one simulation, or one trial of the published experiment): for each system, every
 * configured policy picks omega from the grid, the full cost table (all grid omegas and Young's omega*) is measured
 * by SOR, the policies learn from their own cost only, and one {@link RelaxResult} per policy goes out with the
 * regrets. The learners live in keyed state as the versioned bytes of {@link RelaxLearner#write}.
 */
public final class RelaxFunction extends KeyedProcessFunction<String, RelaxSystem, RelaxResult> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("relax-rejects", TypeInformation.of(Reject.class));

    /**
     * What every key runs: the policies, the base seed, the SOR tolerance and iteration cap, and how long a key's
     * learners survive without a system (processing time, ms; 0 = forever, as a bounded experiment wants).
     */
    public record Config(List<RelaxPolicy> policies, long seed, double tol, int cap, long stateTtlMs) implements Serializable {
        public Config {
            if (policies.isEmpty()) throw new IllegalArgumentException("at least one relax policy is needed");
            if (!(tol > 0 && tol < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tol);
            if (cap < 1) throw new IllegalArgumentException("iteration cap must be >= 1, got " + cap);
            if (stateTtlMs < 0) throw new IllegalArgumentException("state TTL must be >= 0, got " + stateTtlMs);
            policies = List.copyOf(policies);
        }

        public static Config published(List<RelaxPolicy> policies, long seed) {
            return new Config(policies, seed, Sor.DEFAULT_TOL, Sor.DEFAULT_CAP, 0);
        }
    }

    private final Config config;
    private transient ValueState<byte[]> state;

    public RelaxFunction(Config config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<byte[]> d = new ValueStateDescriptor<>("relax-learner", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        if (config.stateTtlMs() > 0) {
            d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(config.stateTtlMs()))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired).build());
        }
        state = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(RelaxSystem s, Context ctx, Collector<RelaxResult> out) throws Exception {
        SparseSystem a;
        try {
            a = SparseSystem.fromCsr(s.n, s.rowPtr, s.col, s.val);
            if (s.b == null || s.b.length != s.n) throw new InvalidSystemException("dims mismatch: b does not have n = " + s.n + " entries");
        } catch (InvalidSystemException e) { // the decoder validated it; only a hand-built stream gets here
            ctx.output(REJECTS, Reject.of(e.getMessage(), null, s.key + "#" + s.seq));
            return;
        }
        byte[] bytes = state.value();
        RelaxLearner learner = bytes == null
                ? RelaxLearner.create(config.policies(), RelaxTrial.learnerSeed(config.seed(), s.key))
                : RelaxLearner.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        Sor sor = new Sor(s.n);
        double jacobi = s.jacobi >= 0 && s.jacobi < 1 ? s.jacobi : Young.jacobiRadius(a); // NaN: not computed upstream
        if (!(jacobi < 1)) {
            ctx.output(REJECTS, Reject.of("non-convergent: Jacobi spectral radius " + jacobi + " >= 1", null, s.key + "#" + s.seq));
            return;
        }
        CostTable costs = CostTable.measure(a, s.b, jacobi, sor, config.tol(), config.cap());
        int[] arms = learner.choose(s.context);
        double[] x = null;
        if (s.wantSolution) {
            sor.solve(a, s.b, OmegaGrid.omega(arms[0]), config.tol(), config.cap());
            x = sor.solution(s.n);
        }
        List<RelaxLearner.Outcome> outcomes = learner.learn(s.context, arms, costs);
        double bestFixed = OmegaGrid.omega(learner.bestFixedArm());
        for (int i = 0; i < outcomes.size(); i++) {
            RelaxLearner.Outcome o = outcomes.get(i);
            RelaxResult r = new RelaxResult();
            r.key = s.key;
            r.seq = s.seq;
            r.policy = o.policy().id;
            r.arm = o.arm();
            r.omega = o.omega();
            r.cost = o.cost();
            r.probability = o.probability();
            r.omegaStar = costs.omegaStar();
            r.costStar = costs.star();
            r.bestFixedOmega = bestFixed;
            r.cumulativeCost = o.cumulativeCost();
            r.regretBestFixed = o.regretBestFixed();
            r.regretInstanceOptimal = o.regretInstanceOptimal();
            r.grid = costs.grid().clone();
            r.x = i == 0 ? x : null;
            out.collect(r);
        }
        state.update(serialize(learner));
    }

    static byte[] serialize(RelaxLearner learner) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(4096);
        learner.write(new DataOutputStream(bos));
        return bos.toByteArray();
    }
}
