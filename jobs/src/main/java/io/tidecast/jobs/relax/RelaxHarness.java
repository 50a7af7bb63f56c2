package io.tidecast.jobs.relax;

import io.tidecast.learners.relax.RelaxInstances;
import io.tidecast.learners.relax.RelaxPolicy;
import io.tidecast.learners.relax.RelaxTrial;
import io.tidecast.learners.relax.ShiftSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** The offline harness: trials in parallel on a thread pool; results do not depend on the number of threads. */
final class RelaxHarness {
    private RelaxHarness() {}

    static List<RelaxTrial.Result> run(ShiftSetting setting, long seed, int trials, int instances, List<RelaxPolicy> policies,
                                       int threads, IntConsumer trialDone) throws Exception {
        RelaxInstances gen = new RelaxInstances(setting, seed);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "relax-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RelaxTrial.Result>> fs = new ArrayList<>();
            for (int k = 0; k < trials; k++) {
                int trial = k;
                fs.add(pool.submit(() -> {
                    RelaxTrial.Result r = RelaxTrial.run(gen, trial, instances, policies);
                    trialDone.accept(trial);
                    return r;
                }));
            }
            List<RelaxTrial.Result> out = new ArrayList<>();
            for (Future<RelaxTrial.Result> f : fs) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
