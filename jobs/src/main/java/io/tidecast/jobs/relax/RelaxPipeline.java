package io.tidecast.jobs.relax;

import io.tidecast.connectors.kafka.OutRecord;
import io.tidecast.connectors.kafka.RawRecord;
import io.tidecast.connectors.relax.DecodeRelaxSystems;
import io.tidecast.connectors.relax.RelaxSystemCodec;
import io.tidecast.connectors.json.SampleCodec;
import io.tidecast.learners.relax.OmegaGrid;
import io.tidecast.learners.relax.RelaxInstances;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.RelaxTrial;
import io.tidecast.learners.relax.ShiftSetting;
import io.tidecast.learners.relax.SparseSystem;
import io.tidecast.operators.RelaxFunction;
import io.tidecast.records.RelaxResult;
import io.tidecast.records.RelaxSystem;
import io.tidecast.records.Reject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The relaxation tuner as a Flink dataflow, with its source and sink as parameters:
 * <pre>systems ─keyBy(key)─▶ RelaxFunction (one RelaxLearner per key) ─▶ results (one per policy and system)</pre>
 * Sources: the published generator (one key per trial, {@link #generated}) or Kafka records decoded and
 * validated by {@link DecodeRelaxSystems} ({@link #fromKafkaRecords}).
 */
public final class RelaxPipeline {
    private RelaxPipeline() {}

    public static SingleOutputStreamOperator<RelaxResult> build(DataStream<RelaxSystem> systems, RelaxFunction.Config cfg) {
        return systems.keyBy(s -> s.key).process(new RelaxFunction(cfg)).name("relax tuner").uid("relax-tuner");
    }

    /**
     * The published instances as a stream: index i is instance t = i / trials of trial i mod trials (trials
     * interleaved, so every key progresses at once), generated in order at parallelism 1 so each key's systems
     * arrive in t order whatever the tuner's parallelism.
     */
    public static DataStream<RelaxSystem> generated(StreamExecutionEnvironment env, ShiftSetting setting, long seed, int trials, int instances) {
        return env.fromSequence(0, (long) trials * instances - 1).setParallelism(1).name("instance indices").uid("relax-indices")
                .map(new Generate(setting, seed, trials)).setParallelism(1).name("generate systems").uid("relax-generate");
    }

    /** Decodes raw Kafka records chained to the source (no reordering of a key's systems before keyBy). */
    public static SingleOutputStreamOperator<RelaxSystem> fromKafkaRecords(DataStream<RawRecord> raw) {
        return raw.process(new DecodeRelaxSystems()).name("decode systems").uid("relax-decode").setParallelism(raw.getParallelism());
    }

    /** The Kafka service graph: raw systems in, encoded results and rejects out. */
    public static DataStream<OutRecord> service(DataStream<RawRecord> raw, RelaxFunction.Config cfg, String resultsTopic, String rejectsTopic) {
        SingleOutputStreamOperator<RelaxSystem> systems = fromKafkaRecords(raw);
        SingleOutputStreamOperator<RelaxResult> results = build(systems, cfg);
        DataStream<OutRecord> out = results.map(new EncodeResults(resultsTopic)).name("encode results").uid("relax-encode-results");
        DataStream<OutRecord> rejects = systems.getSideOutput(DecodeRelaxSystems.REJECTS).union(results.getSideOutput(RelaxFunction.REJECTS))
                .map(new EncodeRejects(rejectsTopic)).name("encode rejects").uid("relax-encode-rejects");
        return out.union(rejects);
    }

    /** Runs the generated experiment on {@code env} and collects it into per-trial results (as the offline harness has). */
    static List<RelaxTrial.Result> runGenerated(StreamExecutionEnvironment env, ShiftSetting setting, long seed, int trials, int instances,
                                                List<RelaxPolicy> policies) throws Exception {
        DataStream<RelaxResult> results = build(generated(env, setting, seed, trials, instances), RelaxFunction.Config.published(policies, seed));
        Map<String, Integer> policyIndex = new HashMap<>();
        for (int p = 0; p < policies.size(); p++) policyIndex.put(policies.get(p).id, p);
        int[][][] pc = new int[trials][policies.size()][instances];
        int[][][] gc = new int[trials][OmegaGrid.SIZE][instances];
        int[][] star = new int[trials][instances];
        double[][] ctx = new double[trials][instances];
        RelaxInstances gen = new RelaxInstances(setting, seed);
        try (CloseableIterator<RelaxResult> it = results.executeAndCollect("relax " + setting.label())) {
            while (it.hasNext()) {
                RelaxResult r = it.next();
                int trial = Integer.parseInt(r.key.substring("trial-".length()));
                int t = (int) r.seq;
                pc[trial][policyIndex.get(r.policy)][t] = r.cost;
                for (int j = 0; j < OmegaGrid.SIZE; j++) gc[trial][j][t] = r.grid[j];
                star[trial][t] = r.costStar;
            }
        }
        List<RelaxTrial.Result> out = new ArrayList<>();
        for (int k = 0; k < trials; k++) {
            for (int t = 0; t < instances; t++) ctx[k][t] = gen.instance(k, t).c();
            out.add(new RelaxTrial.Result(k, List.copyOf(policies), pc[k], gc[k], star[k], ctx[k]));
        }
        return out;
    }

    static final class Generate extends RichMapFunction<Long, RelaxSystem> {
        private static final long serialVersionUID = 1L;
        private final ShiftSetting setting;
        private final long seed;
        private final int trials;
        private transient RelaxInstances gen;

        Generate(ShiftSetting setting, long seed, int trials) {
            this.setting = setting;
            this.seed = seed;
            this.trials = trials;
        }

        @Override
        public void open(OpenContext openContext) {
            gen = new RelaxInstances(setting, seed);
        }

        @Override
        public RelaxSystem map(Long i) {
            int trial = (int) (i % trials);
            int t = (int) (i / trials);
            RelaxInstances.Instance in = gen.instance(trial, t);
            SparseSystem.Csr csr = in.a().toCsr();
            return new RelaxSystem(RelaxTrial.key(trial), t, in.c(), in.a().size(), csr.rowPtr(), csr.col(), csr.val(), in.b(), in.jacobi(), false);
        }
    }

    static final class EncodeResults extends RichMapFunction<RelaxResult, OutRecord> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private transient RelaxSystemCodec codec;

        EncodeResults(String topic) {
            this.topic = topic;
        }

        @Override
        public void open(OpenContext openContext) {
            codec = new RelaxSystemCodec();
        }

        @Override
        public OutRecord map(RelaxResult r) {
            return new OutRecord(topic, r.key.getBytes(StandardCharsets.UTF_8), codec.encode(r));
        }
    }

    static final class EncodeRejects extends RichMapFunction<Reject, OutRecord> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private transient SampleCodec codec;

        EncodeRejects(String topic) {
            this.topic = topic;
        }

        @Override
        public void open(OpenContext openContext) {
            codec = new SampleCodec();
        }

        @Override
        public OutRecord map(Reject r) {
            return new OutRecord(topic, null, codec.encode(r));
        }
    }
}
