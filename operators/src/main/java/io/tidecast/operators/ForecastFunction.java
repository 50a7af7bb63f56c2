package io.tidecast.operators;

import io.tidecast.learners.LearnerContext;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.learners.Learners;
import io.tidecast.learners.OnlineRegressor;
import io.tidecast.learners.Rls;
import io.tidecast.learners.metrics.ErrorStats;
import io.tidecast.learners.metrics.PointLayout;
import io.tidecast.learners.metrics.RollingErrors;
import io.tidecast.learners.policy.Policies;
import io.tidecast.learners.policy.PolicySpec;
import io.tidecast.learners.policy.RegretTracker;
import io.tidecast.learners.rnn.RnnLearner;
import io.tidecast.learners.rnn.RnnLearners;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.InputLimits;
import io.tidecast.records.Reject;
import io.tidecast.records.RejectCode;
import io.tidecast.records.Sample;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-key forecaster. For every sample of a key, and for every configured learner and horizon, it:
 * <ol>
 *   <li>scores the forecast made {@code h} samples ago, whose target is this sample;</li>
 *   <li>trains the learner on (the window known {@code h} samples ago, this sample) — causal: a learner never
 *       sees a target before it has arrived;</li>
 *   <li>forecasts {@code h} samples ahead from the newest window and keeps that forecast pending.</li>
 * </ol>
 * The first {@code warmupSamples} samples of a key fix its standardisation (mean and population std) and are
 * then replayed as training pairs, all of whose targets have arrived by then. Metrics go to {@link #METRICS}
 * every {@code paneSamples} samples and when a key expires; records that do not fit the key's stream go to
 * {@link #REJECTS}.
 */
public class ForecastFunction extends KeyedProcessFunction<String, Sample, Forecast> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<MetricsRecord> METRICS = new OutputTag<>("metrics", TypeInformation.of(MetricsRecord.class));
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("rejects", TypeInformation.of(Reject.class));

    private final ForecastConfig config;
    private final InputLimits limits;
    private transient ValueState<KeyState> state;
    /** The last far-ahead timestamp rejected for a key, which a following sample can confirm as a real jump. */
    private transient ValueState<Long> futureSuspect;
    private transient KeyBudget budget;
    private transient ListState<long[]> budgetState;
    /** Input scratch per history length (learners take inputs of exactly their own length). */
    private transient double[][] xByHistory;
    private transient int scratchDim;
    private transient double[] y;
    private transient double[] yhat;
    private transient double[] weights;
    private transient double[] losses;
    private transient ForecastMetrics metrics;
    /**
     * Per history length, the window end {@link #xByHistory} holds, valid while {@link #filledStamp} equals
     * {@link #fillStamp}; the stamp moves with every sample, so a window is standardised once per sample however many
     * tracks (LMS and RLS at one horizon, the covariance, the forecasts) read it. Learners only read their inputs.
     */
    private transient long[] filledEnd;
    private transient long[] filledStamp;
    private transient long fillStamp;

    public ForecastFunction(ForecastConfig config) {
        this(config, InputLimits.none());
    }

    public ForecastFunction(ForecastConfig config, InputLimits limits) {
        this.config = config;
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("tidecast-key-state", KeyStateSerializer.INSTANCE));
        futureSuspect = getRuntimeContext().getState(new ValueStateDescriptor<>("tidecast-future-suspect", LongSerializer.INSTANCE));
        metrics = new ForecastMetrics(getRuntimeContext().getMetricGroup(), config);
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        budgetState = ctx.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("tidecast-key-budget", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        budget = new KeyBudget(limits.maxKeys);
        var task = getRuntimeContext().getTaskInfo();
        budget.configure(task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks(),
                ctx.isRestored() ? budgetState.get() : java.util.List.of());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        var task = getRuntimeContext().getTaskInfo();
        budget.snapshot(budgetState, task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks());
    }

    private void reject(Context ctx, Sample sample, RejectCode code, String reason) {
        ctx.output(REJECTS, Reject.of(code, reason, sample.origin, SampleText.of(sample)));
    }

    @Override
    public void processElement(Sample sample, Context ctx, Collector<Forecast> out) throws Exception {
        metrics.sampleIn();
        SampleChecks.Misfit late = SampleChecks.late(sample, ctx.timerService().currentWatermark());
        if (late != null) {
            reject(ctx, sample, late.code(), late.reason());
            return;
        }
        KeyState st = state.value();
        boolean newKey = st == null;
        if (newKey) {
            if (!budget.admits()) {
                reject(ctx, sample, RejectCode.KEY_BUDGET_EXCEEDED, "new key while " + budget.live() + " keys are live on this instance, its share of "
                        + "forecast.maxKeys (" + limits.maxKeys + "); it gets state once other keys expire (stateTtlMs)");
                return;
            }
            st = new KeyState(sample.values.length, PointLayout.of(sample.values.length, config.pointDims), config.windowPanes,
                    Math.max(config.warmupSamples, workingHistory()));
        }
        boolean farAhead = !newKey && limits.maxFutureMs > 0 && sample.ts - st.lastTs > limits.maxFutureMs;
        SampleChecks.Misfit misfit = SampleChecks.misfit(st, sample, limits, farAhead ? futureSuspect.value() : null);
        if (misfit != null) {
            if (misfit.code() == RejectCode.FUTURE_TIMESTAMP) futureSuspect.update(sample.ts);
            reject(ctx, sample, misfit.code(), misfit.reason());
            return;
        }
        if (farAhead) futureSuspect.clear();
        if (newKey) budget.added();
        ensureScratch(st.dim);
        fillStamp++;
        long n = st.samples;
        st.history.put(n, sample.values);
        st.samples = n + 1;
        st.lastTs = sample.ts;
        if (!st.warm()) {
            accumulateWarmup(st, sample.values);
            if (st.samples == config.warmupSamples) finishWarmup(st, sample.key);
        } else {
            renewStaleNetworks(st, sample, ctx);
            scoreAndLearn(st, n, sample.values);
        }
        if (st.warm()) {
            forecast(st, n, sample, ctx, out);
            if (st.samples % config.paneSamples == 0) emitMetrics(st, sample.key, sample.ts, false, ctx);
        }
        if (st.cleanupTimer == Long.MIN_VALUE) {
            st.cleanupTimer = sample.ts + config.stateTtlMs;
            ctx.timerService().registerEventTimeTimer(st.cleanupTimer);
        }
        state.update(st);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Forecast> out) throws Exception {
        KeyState st = state.value();
        if (st == null) return;
        if (st.lastTs + config.stateTtlMs <= timestamp) {
            if (st.warm()) emitMetrics(st, ctx.getCurrentKey(), st.lastTs, true, ctx);
            state.clear();
            futureSuspect.clear();
            budget.removed();
        } else {
            // the key was active since the timer was set: look again one idle period after its newest sample
            st.cleanupTimer = st.lastTs + config.stateTtlMs;
            ctx.timerService().registerEventTimeTimer(st.cleanupTimer);
            state.update(st);
        }
    }

    private int workingHistory() {
        return config.maxHistory() + config.maxHorizonSteps() + 1;
    }

    private void ensureScratch(int dim) {
        if (xByHistory == null || scratchDim != dim) {
            xByHistory = new double[config.maxHistory() + 1][];
            for (LearnerSpec s : config.learners) xByHistory[s.history] = new double[1 + dim * s.history];
            y = new double[dim];
            yhat = new double[dim];
            weights = new double[config.learners.size()];
            losses = new double[config.learners.size()];
            filledEnd = new long[config.maxHistory() + 1];
            filledStamp = new long[config.maxHistory() + 1];
            scratchDim = dim;
        }
    }

    private static void accumulateWarmup(KeyState st, double[] v) {
        long n = st.samples;
        for (int c = 0; c < st.dim; c++) {
            double delta = v[c] - st.mean[c];
            st.mean[c] += delta / n;
            st.m2[c] += delta * (v[c] - st.mean[c]);
        }
    }

    /** Freezes the standardisation, creates the tracks and trains them on every warm-up pair. */
    private void finishWarmup(KeyState st, String key) {
        st.std = new double[st.dim];
        for (int c = 0; c < st.dim; c++) {
            double sd = Math.sqrt(st.m2[c] / st.samples);
            // a coordinate that did not move in the warm-up would divide by zero: leave it unscaled
            st.std[c] = sd > 1e-9 ? sd : 1.0;
        }
        st.m2 = null;
        int h = config.horizonsMs.length;
        st.tracks = new Track[config.learners.size() * h];
        java.util.List<SharedNetwork> networks = new java.util.ArrayList<>();
        for (int l = 0; l < config.learners.size(); l++) {
            LearnerSpec spec = config.learners.get(l);
            boolean shared = sharesNetwork(spec);
            if (shared) networks.add(newNetwork(spec, st.dim, key));
            for (int j = 0; j < h; j++) {
                int steps = config.horizonSteps(j);
                st.tracks[l * h + j] = new Track(spec.name, config.horizonsMs[j], steps, spec.history,
                        shared ? null : newLearner(spec, st.dim, steps, key), st.dim, st.layout, st.panes);
            }
        }
        st.networks = networks.isEmpty() ? null : networks.toArray(SharedNetwork[]::new);
        st.targets = new RollingErrors[h];
        for (int j = 0; j < h; j++) st.targets[j] = RollingErrors.targetsOnly(st.layout, st.panes);
        st.ensembles = newEnsembles(st, key);
        shareCovariances(st, h);
        long last = st.samples - 1;
        for (long target = 0; target <= last; target++) {
            for (Track t : st.tracks) learn(st, t, target);
            learnNetworks(st, target, true);
        }
        st.firstForecast = last;
        st.history.resize(workingHistory(), last);
    }

    /**
     * The horizons of an RLS learner see the same windows in the same order: one covariance serves them all
     * ({@link SharedCovariance}), so each horizon keeps only its weights.
     */
    private void shareCovariances(KeyState st, int h) {
        java.util.List<SharedCovariance> shared = new java.util.ArrayList<>();
        int slots = config.maxHorizonSteps() - minHorizonSteps() + 1;
        for (int l = 0; l < config.learners.size(); l++) {
            if (!(st.tracks[l * h].learner instanceof Rls)) continue;
            LearnerSpec spec = config.learners.get(l);
            shared.add(new SharedCovariance(spec.name, ((Rls) st.tracks[l * h].learner).shareCovariance(), slots, spec.history - 1));
            for (int j = 1; j < h; j++) ((Rls) st.tracks[l * h + j].learner).shareCovariance();
        }
        st.covariances = shared.isEmpty() ? null : shared.toArray(SharedCovariance[]::new);
    }

    private int minHorizonSteps() {
        int m = Integer.MAX_VALUE;
        for (int i = 0; i < config.horizonsMs.length; i++) m = Math.min(m, config.horizonSteps(i));
        return m;
    }

    /** The ensemble and every search, at every horizon (ensemble-major), or null if none is configured. */
    private Ensemble[] newEnsembles(KeyState st, String key) {
        java.util.List<EnsembleSpec> specs = config.ensembles();
        if (specs.isEmpty()) return null;
        int h = config.horizonsMs.length;
        java.util.List<String> learners = config.learners.stream().map(l -> l.name).toList();
        Ensemble[] out = new Ensemble[specs.size() * h];
        for (int s = 0; s < specs.size(); s++) {
            EnsembleSpec spec = specs.get(s);
            int n = spec.members.size();
            for (int j = 0; j < h; j++) {
                int[] members = new int[n];
                for (int i = 0; i < n; i++) members[i] = learners.indexOf(spec.members.get(i)) * h + j;
                long seed = config.seed * 31 + (key + "/" + spec.name + "/" + j).hashCode();
                int steps = config.horizonSteps(j);
                out[s * h + j] = new Ensemble(spec.name, config.horizonsMs[j], steps, members,
                        Policies.createExpert(new PolicySpec(spec.policy, n, seed, java.util.Map.of())), st.dim, st.layout, st.panes,
                        new RegretTracker(n), spec.mode == EnsembleSpec.Mode.PICK, new GroupRegret(n, steps));
            }
        }
        return out;
    }

    /**
     * An RNN learner with {@code shareHorizons: 1} serves all horizons with one network ({@link SharedNetwork}: the
     * shortest horizon's network plus a linear head per longer horizon); by default it keeps the published setup of
     * one network per horizon.
     * A key keeps the layout it started with: its state, not the configuration, says which (see {@link KeyState}).
     */
    static boolean sharesNetwork(LearnerSpec spec) {
        return RnnLearners.isRnn(spec.kind) && spec.param("shareHorizons", 0) == 1;
    }

    /**
     * The core is created exactly as the per-horizon network of the shortest horizon (same seed and warm-up pairs), so
     * it is that network.
     */
    private SharedNetwork newNetwork(LearnerSpec spec, int dim, String key) {
        int h = config.horizonsMs.length;
        int[] steps = new int[h];
        for (int j = 0; j < h; j++) steps[j] = config.horizonSteps(j);
        RnnLearner core = (RnnLearner) newLearner(spec, dim, minHorizonSteps(), key);
        return new SharedNetwork(spec.name, core, steps, dim);
    }

    /** A shared network restored from an older layout starts afresh (see {@link SharedNetwork#readFormat4}), and says so. */
    private void renewStaleNetworks(KeyState st, Sample sample, Context ctx) {
        if (st.networks == null) return;
        for (int i = 0; i < st.networks.length; i++) {
            if (!st.networks[i].stale()) continue;
            String model = st.networks[i].model;
            st.networks[i] = newNetwork(config.learners.get(config.modelNames().indexOf(model)), st.dim, sample.key);
            metrics.learnerReset(model);
            ctx.output(REJECTS, Reject.of(RejectCode.LEARNER_RESET, "learner '" + model + "' (all horizons) was restored in the"
                    + " summed-loss layout of key state format 4 and starts afresh", sample.origin, SampleText.of(sample)));
        }
    }

    /**
     * With sample {@code target}, every shared network's core learns the window whose shortest-horizon target it is,
     * and every longer head the window whose target at its horizon it is. In the warm-up replay ({@code warmup}) the
     * core's hidden states are kept for the heads; afterwards the forecasts keep theirs, so a head skips the windows
     * between the last replayed one and the first forecast, which no state was kept for.
     */
    private void learnNetworks(KeyState st, long target, boolean warmup) {
        if (st.networks == null) return;
        double[] z = standardised(st);
        int at = st.history.slot(target);
        for (SharedNetwork net : st.networks) {
            int k = net.history(st.dim);
            System.arraycopy(z, at, net.target, 0, st.dim);
            long end = target - net.minSteps();
            if (end - k + 1 >= 0) {
                fillInput(st, k, end);
                net.network.learn(xByHistory[k], net.target);
                if (warmup) net.keepHidden(end);
            }
            for (int j = 0; j < net.steps.length; j++) {
                if (j == net.core) continue;
                long w = target - net.steps[j];
                if (w - k + 1 < 0) continue;
                if (!warmup && w < st.firstForecast && w > st.firstForecast - net.minSteps()) continue;
                net.learnHead(j, w);
            }
        }
    }

    private OnlineRegressor newLearner(LearnerSpec spec, int dim, int steps, String key) {
        int pairs = config.warmupSamples - spec.history - steps + 1;
        long seed = config.seed * 0x9E3779B97F4A7C15L + (key + "/" + spec.name + "/" + steps).hashCode();
        return Learners.create(spec, new LearnerContext(dim, spec.history, pairs, seed));
    }

    private void scoreAndLearn(KeyState st, long n, double[] values) {
        long pane = n / config.paneSamples;
        for (int j = 0; j < st.targets.length; j++) {
            if (n - st.tracks[j].steps >= st.firstForecast) st.targets[j].addTarget(pane, values);
        }
        for (Track t : st.tracks) {
            if (n - t.steps >= st.firstForecast) {
                int slot = (int) (n % t.steps) * st.dim;
                System.arraycopy(t.pending, slot, yhat, 0, st.dim);
                t.errors.add(pane, values, yhat, t.hasPrevious ? t.previous : null);
                System.arraycopy(yhat, 0, t.previous, 0, st.dim);
                t.hasPrevious = true;
            }
            learn(st, t, n);
        }
        learnNetworks(st, n, false);
        if (st.ensembles != null) {
            for (Ensemble e : st.ensembles) scoreEnsemble(st, e, n, values, pane);
        }
    }

    /**
     * The target of the ensemble's forecast from {@code steps} samples ago has arrived: score the mixture, charge
     * every member its loss at this horizon, and only then let the policy learn from those losses.
     */
    private void scoreEnsemble(KeyState st, Ensemble e, long n, double[] values, long pane) {
        if (n - e.steps < st.firstForecast) return;
        int slot = (int) (n % e.steps) * st.dim;
        e.policy.weights(weights);
        for (int i = 0; i < e.members.length; i++) losses[i] = loss(st, st.tracks[e.members[i]].pending, slot, values);
        System.arraycopy(e.pending, slot, yhat, 0, st.dim);
        e.errors.add(pane, values, yhat, e.hasPrevious ? e.previous : null);
        System.arraycopy(yhat, 0, e.previous, 0, st.dim);
        e.hasPrevious = true;
        double own = loss(st, e.pending, slot, values);
        e.mixtureLoss += own;
        e.accounts.record(weights, losses);
        e.groups.scored((int) (n % e.steps), weights, losses, own);
        e.policy.update(losses);
    }

    /**
     * The ensemble's loss: mean squared error over the coordinates in the key's standardised units, clipped to
     * [0, 1], the range the expert policies' guarantees assume.
     */
    private static double loss(KeyState st, double[] forecasts, int offset, double[] y) {
        double s = 0;
        for (int c = 0; c < st.dim; c++) {
            double e = (forecasts[offset + c] - y[c]) / st.std[c];
            s += e * e;
        }
        return Math.min(1.0, s / st.dim);
    }

    /** Trains a track on the pair whose target is sample {@code target}, if its input window exists. */
    private void learn(KeyState st, Track t, long target) {
        if (t.learner == null) return; // a shared network learns once for all horizons
        long end = target - t.steps;
        if (end - t.history + 1 < 0) return;
        SharedCovariance shared = st.covariance(t.model);
        if (shared != null) {
            while (!shared.seen(end)) {
                fillInput(st, t.history, shared.next);
                shared.advance(input(st, t));
            }
        }
        fillInput(st, t.history, end);
        System.arraycopy(standardised(st), st.history.slot(target), y, 0, st.dim);
        if (shared != null) {
            double[] gain = shared.gain(end);
            ((Rls) t.learner).learn(input(st, t), y, gain, gain[gain.length - 1]);
        } else {
            t.learner.learn(input(st, t), y);
        }
    }

    private void forecast(KeyState st, long n, Sample sample, Context ctx, Collector<Forecast> out) {
        if (st.networks != null) {
            for (int i = 0; i < st.networks.length; i++) forecastNetwork(st, i, n, sample, ctx);
        }
        int h = config.horizonsMs.length;
        for (int i = 0; i < st.tracks.length; i++) {
            Track t = st.tracks[i];
            if (t.learner == null) {
                System.arraycopy(st.network(t.model).forecast, (i % h) * st.dim, yhat, 0, st.dim);
                emit(st, t, n, sample, out);
                continue;
            }
            fillInput(st, t.history, n); // every track of a history forecasts from the same newest window
            t.learner.predict(input(st, t), yhat);
            boolean finite = true;
            for (int c = 0; c < st.dim; c++) {
                yhat[c] = yhat[c] * st.std[c] + st.mean[c];
                finite &= Double.isFinite(yhat[c]);
            }
            if (!finite) {
                // a diverged learner must not poison the stream: start it afresh and say so
                LearnerSpec spec = config.learners.get(config.modelNames().indexOf(t.model));
                t.learner = newLearner(spec, st.dim, t.steps, sample.key);
                metrics.learnerReset(t.model);
                if (t.learner instanceof Rls r && st.covariance(t.model) != null) r.shareCovariance(); // keeps the shared P
                ctx.output(REJECTS, Reject.of(RejectCode.LEARNER_RESET, "learner '" + t.model + "' at horizon " + t.horizonMs
                        + " ms produced a non-finite forecast and was reset", sample.origin, SampleText.of(sample)));
                t.learner.predict(input(st, t), yhat);
                for (int c = 0; c < st.dim; c++) yhat[c] = yhat[c] * st.std[c] + st.mean[c];
            }
            t.learner.observe(input(st, t)); // models with memory move their forecasting state to the newest window
            emit(st, t, n, sample, out);
        }
        if (st.ensembles != null) {
            for (Ensemble e : st.ensembles) {
                int slot = (int) (n % e.steps) * st.dim;
                e.policy.weights(weights);
                if (e.pick) {
                    System.arraycopy(st.tracks[e.members[Ensemble.leader(weights, e.members.length)]].pending, slot, yhat, 0, st.dim);
                } else {
                    Arrays.fill(yhat, 0, st.dim, 0.0);
                    for (int i = 0; i < e.members.length; i++) {
                        double[] member = st.tracks[e.members[i]].pending;
                        for (int c = 0; c < st.dim; c++) yhat[c] += weights[i] * member[slot + c];
                    }
                }
                System.arraycopy(yhat, 0, e.pending, slot, st.dim);
                e.groups.forecastMade((int) (n % e.steps), sample.groups);
                long targetTs = sample.ts + Math.round(e.steps * config.samplePeriodMs);
                out.collect(new Forecast(sample.key, e.model, sample.ts, e.horizonMs, targetTs, Arrays.copyOf(yhat, st.dim)));
                metrics.forecastOut();
            }
        }
    }

    /** Keeps {@link #yhat} as track {@code t}'s pending forecast made at sample {@code n} and sends it. */
    private void emit(KeyState st, Track t, long n, Sample sample, Collector<Forecast> out) {
        System.arraycopy(yhat, 0, t.pending, (int) (n % t.steps) * st.dim, st.dim);
        long targetTs = sample.ts + Math.round(t.steps * config.samplePeriodMs);
        out.collect(new Forecast(sample.key, t.model, sample.ts, t.horizonMs, targetTs, Arrays.copyOf(yhat, st.dim)));
        metrics.forecastOut();
    }

    /** The forecasts of every head of network {@code i} from the newest window, in the key's units; a diverged network restarts. */
    private void forecastNetwork(KeyState st, int i, long n, Sample sample, Context ctx) {
        SharedNetwork net = st.networks[i];
        int k = net.history(st.dim);
        double[] x = xByHistory[k];
        fillInput(st, k, n);
        if (!networkForecast(st, net, x, n)) {
            net = newNetwork(config.learners.get(config.modelNames().indexOf(net.model)), st.dim, sample.key);
            st.networks[i] = net;
            metrics.learnerReset(net.model);
            ctx.output(REJECTS, Reject.of(RejectCode.LEARNER_RESET, "learner '" + net.model + "' (all horizons) produced a non-finite forecast and"
                    + " was reset", sample.origin, SampleText.of(sample)));
            networkForecast(st, net, x, n);
        }
    }

    /** The core's forecast (as its per-horizon network makes it), then the heads' from the new hidden state. */
    private static boolean networkForecast(KeyState st, SharedNetwork net, double[] x, long n) {
        net.network.predict(x, net.coreForecast);
        System.arraycopy(net.coreForecast, 0, net.forecast, net.core * st.dim, st.dim);
        net.network.observe(x);
        net.keepHidden(n);
        for (int j = 0; j < net.steps.length; j++) {
            if (j != net.core) net.headForecast(j, n, net.forecast, j * st.dim);
        }
        boolean finite = true;
        for (int i = 0; i < net.forecast.length; i++) {
            int c = i % st.dim;
            net.forecast[i] = net.forecast[i] * st.std[c] + st.mean[c];
            finite &= Double.isFinite(net.forecast[i]);
        }
        return finite;
    }

    private double[] input(KeyState st, Track t) {
        return xByHistory[t.history];
    }

    /** The key's history ring standardised (each sample once, when first read after it arrived). */
    private static double[] standardised(KeyState st) {
        return st.history.standardised(st.samples - 1, st.mean, st.std);
    }

    /** x = [1; standardised samples end-k+1 .. end], oldest first; a no-op when it already holds them this sample. */
    private void fillInput(KeyState st, int k, long end) {
        if (filledStamp[k] == fillStamp && filledEnd[k] == end) return;
        filledStamp[k] = fillStamp;
        filledEnd[k] = end;
        double[] x = xByHistory[k];
        x[0] = 1.0;
        int i = 1;
        double[] z = standardised(st);
        for (long s = end - k + 1; s <= end; s++, i += st.dim) System.arraycopy(z, st.history.slot(s), x, i, st.dim);
    }

    private void emitMetrics(KeyState st, String key, long ts, boolean last, Context ctx) {
        long pane = (st.samples - 1) / config.paneSamples;
        int h = st.targets.length;
        for (RollingErrors t : st.targets) t.advanceTo(pane);
        for (int i = 0; i < st.tracks.length; i++) {
            Track t = st.tracks[i];
            t.errors.advanceTo(pane);
            if (t.errors.total().count() == 0) continue;
            Ensemble e = firstEnsembleOf(st, i);
            RollingErrors targets = st.targets[i % h];
            for (MetricsRecord m : new MetricsRecord[] {metrics(key, t.model, t.horizonMs, ts, "total", last, t.errors.total().withTargets(targets.total())),
                    metrics(key, t.model, t.horizonMs, ts, "window", last, t.errors.window(st.layout).withTargets(targets.window(st.layout)))}) {
                if (e != null) {
                    int member = indexOf(e.members, i);
                    e.policy.weights(weights);
                    m.weight = weights[member];
                    m.cumulativeLoss = e.accounts.expertLoss(member);
                }
                ctx.output(METRICS, m);
                metrics.metricsOut(m);
            }
        }
        if (st.ensembles != null) {
            for (int i = 0; i < st.ensembles.length; i++) {
                Ensemble e = st.ensembles[i];
                e.errors.advanceTo(pane);
                if (e.errors.total().count() == 0) continue;
                e.policy.weights(weights);
                RollingErrors targets = st.targets[i % h];
                for (MetricsRecord m : new MetricsRecord[] {metrics(key, e.model, e.horizonMs, ts, "total", last, e.errors.total().withTargets(targets.total())),
                        metrics(key, e.model, e.horizonMs, ts, "window", last, e.errors.window(st.layout).withTargets(targets.window(st.layout)))}) {
                    regretFigures(st, m, e, e.accounts, e.mixtureLoss);
                    ctx.output(METRICS, m);
                    metrics.metricsOut(m);
                }
                for (int g = 0; g < e.groups.size(); g++) {
                    RegretTracker acc = e.groups.accounts.get(g);
                    if (acc.steps() == 0) continue;
                    MetricsRecord m = metrics(key, e.model, e.horizonMs, ts, "total", last, null);
                    m.group = e.groups.names.get(g);
                    m.count = acc.steps();
                    regretFigures(st, m, e, acc, e.groups.mixtureLoss.get(g)[0]);
                    ctx.output(METRICS, m);
                    metrics.metricsOut(m);
                }
            }
        }
    }

    /** Regret against the best member in hindsight on the rounds {@code acc} covers; needs {@link #weights} filled. */
    private void regretFigures(KeyState st, MetricsRecord m, Ensemble e, RegretTracker acc, double ownLoss) {
        int best = acc.bestExpert();
        m.cumulativeLoss = ownLoss;
        m.bestLoss = acc.bestLoss();
        m.regret = ownLoss - acc.bestLoss();
        m.regretPerStep = acc.steps() == 0 ? null : m.regret / acc.steps();
        m.bestModel = st.tracks[e.members[best]].model;
        m.members = new String[e.members.length];
        for (int i = 0; i < e.members.length; i++) m.members[i] = st.tracks[e.members[i]].model;
        m.weights = Arrays.copyOf(weights, e.members.length);
    }

    /** The first ensemble (the all-learner one before the searches) that has track {@code track} as a member. */
    private static Ensemble firstEnsembleOf(KeyState st, int track) {
        if (st.ensembles == null) return null;
        for (Ensemble e : st.ensembles) if (indexOf(e.members, track) >= 0) return e;
        return null;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    /** A metrics record with the error statistics of {@code e}; all NaN (count 0) when {@code e} is null. */
    private static MetricsRecord metrics(String key, String model, long horizonMs, long ts, String scope, boolean last, ErrorStats e) {
        MetricsRecord m = new MetricsRecord();
        m.key = key;
        m.model = model;
        m.horizonMs = horizonMs;
        m.ts = ts;
        m.scope = scope;
        m.last = last;
        if (e == null) {
            m.mae = m.rmse = m.nrmse = m.maxError = m.jitter = Double.NaN;
            return m;
        }
        m.count = e.count();
        m.mae = e.mae();
        m.rmse = e.rmse();
        m.nrmse = e.nrmse();
        m.maxError = e.maxError();
        m.jitter = e.jitter();
        return m;
    }
}
