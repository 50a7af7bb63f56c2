package io.tidecast.jobs.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deterministic baselines reproduce the published numbers (reference §6.3, §6.4) to 4 significant digits. */
class ReproduceAcceptanceTest {
    static final Path DATA = Path.of("..", "data", "extmarker-resampled");

    static List<CellResult> run(Method m, Protocol protocol) throws InterruptedException {
        ReproduceConfig cfg = new ReproduceConfig(DATA, Rate.HZ_3_33, List.of(m), ReproduceConfig.ALL_SEQUENCES,
                Rate.HZ_3_33.horizons(), 1, 1, protocol, 0, Method.GridSize.FULL, 2);
        Map<Method, List<CellResult>> out = new ReproduceEngine(cfg).run(null);
        return out.get(m);
    }

    static MarkerSeries load(int seq) {
        return MarkerSeries.load(DATA, seq, Rate.HZ_3_33);
    }

    static void assertDigits(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-4 + 1e-12));
    }

    @Test
    void lmsAt333HzMatchesTheRecomputedPaperNumbers() throws Exception {
        List<CellResult> cells = run(Method.LMS, Protocol.PAPER);
        assertThat(cells).hasSize(63);
        Aggregate a = Aggregate.of(cells);
        System.out.printf("LMS 3.33 Hz: %.5f %.5f %.5f %.4f %.5f%n", a.nrmse(), a.rmse(), a.mae(), a.maxError(), a.jitter());
        assertDigits(a.nrmse(), 0.4893);
        assertDigits(a.rmse(), 2.2116);
        assertDigits(a.mae(), 1.6206);
        assertDigits(a.maxError(), 11.060);
        assertDigits(a.jitter(), 2.0484);
    }

    @Test
    void olsAt333HzMatchesTheRegularAndIrregularSubsets() throws Exception {
        List<CellResult> cells = run(Method.OLS, Protocol.PAPER);
        Aggregate reg = Aggregate.ofSequences(cells, Aggregate.REGULAR);
        Aggregate irr = Aggregate.ofSequences(cells, Aggregate.IRREGULAR);
        System.out.printf("OLS regular %.5f %.5f %.5f %.4f; irregular %.5f %.5f %.5f %.4f%n", reg.rmse(), reg.nrmse(),
                reg.mae(), reg.maxError(), irr.rmse(), irr.nrmse(), irr.mae(), irr.maxError());
        assertDigits(reg.rmse(), 5.7863);
        assertDigits(reg.nrmse(), 1.48894);
        assertDigits(reg.mae(), 4.2464);
        assertDigits(reg.maxError(), 28.336);
        assertDigits(irr.rmse(), 10.0626);
        assertDigits(irr.nrmse(), 2.41659);
        assertDigits(irr.mae(), 6.7573);
        assertDigits(irr.maxError(), 55.589);
    }
}
