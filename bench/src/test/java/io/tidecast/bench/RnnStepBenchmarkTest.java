package io.tidecast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tidecast.learners.rnn.RnnTrainer;

import org.junit.jupiter.api.Test;

/** The RNN step benchmark never times a diverged trainer, and the report says when it had to replace one. */
class RnnStepBenchmarkTest {

    @Test
    void aTrainerWithANonFiniteForecastIsReplacedAndCounted() {
        RnnStepBenchmark b = new RnnStepBenchmark();
        b.rnnCase = "dni:10.0:12:30";
        b.setUp();
        RnnStepBenchmark.Divergence d = new RnnStepBenchmark.Divergence();
        for (int s = 0; s < 300; s++) b.step(d);
        assertEquals(0, d.resets);
        RnnTrainer before = b.trainer;
        assertEquals(300, before.steps());

        b.xs[300 & (RnnStepBenchmark.POOL - 1)][1] = Double.NaN; // the next step's input poisons the hidden state
        b.step(d);
        assertEquals(1, d.resets);
        assertNotSame(before, b.trainer);
        assertEquals(0, b.trainer.steps(), "a fresh trainer");
        b.step(d);
        assertEquals(1, d.resets, "the fresh trainer's forecasts are finite again");
    }

    @Test
    void theReportNamesACaseWhoseTrainerDiverged() {
        BenchCase dni = new BenchCase("dni", 10, 1.2, 12, 30);
        BenchCase uoro = new BenchCase("uoro", 10, 1.2, 12, 30);
        Map<BenchCase, double[]> measured = new LinkedHashMap<>();
        measured.put(dni, new double[] {4_000, 40});
        measured.put(uoro, new double[] {5_000, 50});
        Map<BenchCase, Map<String, Object>> extras = Map.of(dni, Map.of("divergenceResets", 2L), uoro, Map.of("divergenceResets", 0L));
        LearnerReport rep = new LearnerReport(measured, List.of(new LearnerReport.Kernel("gemm", 180, 256, 1e6, 1)), extras);
        String table = rep.table();
        assertTrue(table.contains("dni 10 Hz q=30: the trainer diverged 2 time(s)"), table);
        assertTrue(!table.contains("uoro 10 Hz q=30: the trainer diverged"), table);
        assertTrue(rep.json(Map.of()).contains("\"divergenceResets\": 2"), rep.json(Map.of()));
    }
}
