package io.tidecast.jobs.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReproduceEngineTest {

    static ReproduceConfig rnnConfig(int threads, Protocol protocol) {
        return new ReproduceConfig(ReproduceAcceptanceTest.DATA, Rate.HZ_3_33, List.of(Method.SNAP1), new int[] {7},
                new int[] {1, 3}, 1, 2, protocol, 42, Method.GridSize.SMALL, threads);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        List<CellResult> one = new ReproduceEngine(rnnConfig(1, Protocol.PAPER)).run(null).get(Method.SNAP1);
        List<CellResult> two = new ReproduceEngine(rnnConfig(2, Protocol.PAPER)).run(null).get(Method.SNAP1);
        assertThat(one).hasSize(2);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i).chosen()).isEqualTo(one.get(i).chosen());
            assertThat(two.get(i).validationNrmse()).isEqualTo(one.get(i).validationNrmse());
            assertThat(Arrays.copyOf(two.get(i).test(), 5)).containsExactly(Arrays.copyOf(one.get(i).test(), 5));
        }
        // an RNN forecasts sequence 7 far better than the mean (published SnAp-1 nRMSE there: 0.11)
        assertThat(one.get(0).nrmse()).isBetween(0.02, 0.5);
    }

    @Test
    void causalOlsFitsOnlyOnTargetsThatArrivedBeforeItsFirstValidatedForecast() {
        ReproduceConfig paper = new ReproduceConfig(ReproduceAcceptanceTest.DATA, Rate.HZ_3_33, List.of(Method.OLS), new int[] {7},
                new int[] {3}, 1, 1, Protocol.PAPER, 0, Method.GridSize.FULL, 1);
        ReproduceConfig causal = new ReproduceConfig(paper.dataDir(), paper.rate(), paper.methods(), paper.sequences(),
                paper.horizons(), 1, 1, Protocol.CAUSAL, 0, Method.GridSize.FULL, 1);
        GridPoint gp = new GridPoint(4, Double.NaN, 0);
        assertThat(new ReproduceEngine(paper).fitPairs(gp, 3)).isEqualTo(180 - 4 - 3 + 1);   // targets <= 180
        assertThat(new ReproduceEngine(causal).fitPairs(gp, 3)).isEqualTo(178 - 4 - 3 + 1);  // forecast of 181 is made at 178
    }

    @Test
    void seedsDifferPerCoordinate() {
        assertThat(Seeds.derive(0, 1, 1, 0, 0, 0, 0)).isNotEqualTo(Seeds.derive(0, 1, 1, 0, 0, 0, 1));
        assertThat(Seeds.derive(0, 1, 2)).isNotEqualTo(Seeds.derive(0, 2, 1));
        assertThat(Seeds.derive(5, 1, 2)).isEqualTo(Seeds.derive(5, 1, 2));
    }

    static int cli(StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void theCommandRejectsBadOptionsInOneLine() {
        StringWriter err = new StringWriter();
        assertThat(cli(err, "reproduce", "--rate", "7")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown rate '7'").hasLineCount(1);
        err = new StringWriter();
        assertThat(cli(err, "reproduce", "--methods", "lms,arima")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown method 'arima'");
    }

    @Test
    void theCommandWritesJsonAndOneCsvPerCell(@TempDir Path out) throws Exception {
        StringWriter err = new StringWriter();
        int code = cli(err, "reproduce", "--data", ReproduceAcceptanceTest.DATA.toString(), "--methods", "lms,ols",
                "--sequences", "7", "--horizons", "1,2", "--threads", "1", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        String json = Files.readString(out.resolve("reproduce.json"));
        assertThat(json).contains("\"lms\"", "\"ols\"", "\"nrmse\"");
        List<String> csv = Files.readAllLines(out.resolve("cells").resolve("seq7_h2.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("lms,");
    }
}
