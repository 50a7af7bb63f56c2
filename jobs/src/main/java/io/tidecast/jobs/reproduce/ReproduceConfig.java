package io.tidecast.jobs.reproduce;

import java.nio.file.Path;
import java.util.List;

/** Everything that defines a reproduction, and so its numbers (threads only change the speed). */
public record ReproduceConfig(Path dataDir, Rate rate, List<Method> methods, int[] sequences, int[] horizons,
                              int valRuns, int testRuns, Protocol protocol, long seed, Method.GridSize grid, int threads) {

    public static final int[] ALL_SEQUENCES = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    int valRuns(Method m) {
        return m.deterministic() ? 1 : valRuns;
    }

    int testRuns(Method m) {
        return m.deterministic() ? 1 : testRuns;
    }
}
