package io.tidecast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidecast.learners.LearnerSpec;
import io.tidecast.operators.EnsembleSpec;
import io.tidecast.operators.ForecastConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchGridTest {

    static JobConfig load(Path dir, String learners) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "forecast:\n  learners:\n" + learners);
        return JobConfig.load(f);
    }

    @Test
    void aSearchExpandsIntoNamedGridMembersAndASearchModel(@TempDir Path dir) throws Exception {
        ForecastConfig fc = load(dir, """
                    - {name: last, kind: last, history: 1}
                    - name: lms
                      kind: lms
                      history: 12
                      params: {clip: 50}
                      search: {policy: adanormalhedge, mode: pick, grid: {eta: [0.0005, 0.002], history: [6, 12]}}
                """).forecastConfig();
        assertThat(fc.learners).extracting(l -> l.name).containsExactly("last", "lms[eta=0.0005,history=6]",
                "lms[eta=0.0005,history=12]", "lms[eta=0.002,history=6]", "lms[eta=0.002,history=12]");
        LearnerSpec third = fc.learners.get(3);
        assertThat(third.kind).isEqualTo("lms");
        assertThat(third.history).isEqualTo(6);
        assertThat(third.params).containsEntry("eta", 0.002).containsEntry("clip", 50.0).doesNotContainKey("history");
        assertThat(fc.searches).hasSize(1);
        EnsembleSpec s = fc.searches.get(0);
        assertThat(s.name).isEqualTo("lms-search");
        assertThat(s.policy).isEqualTo("adanormalhedge");
        assertThat(s.mode).isEqualTo(EnsembleSpec.Mode.PICK);
        assertThat(s.members).containsExactlyElementsOf(fc.learners.subList(1, 5).stream().map(l -> l.name).toList());
        // the default ensemble (hedge) is over every learner, grid members included; the search comes after it
        assertThat(fc.modelNames()).endsWith("ensemble", "lms-search");
        assertThat(fc.ensembles().get(0).members).hasSize(5);
    }

    @Test
    void defaultsAreHedgeAndMix(@TempDir Path dir) throws Exception {
        ForecastConfig fc = load(dir, """
                    - {name: r, kind: ridge, history: 4, search: {model: ridge-grid, grid: {lambda: [0.1, 1, 10]}}}
                """).forecastConfig();
        assertThat(fc.learners).extracting(l -> l.name).containsExactly("r[lambda=0.1]", "r[lambda=1]", "r[lambda=10]");
        assertThat(fc.searches.get(0).name).isEqualTo("ridge-grid");
        assertThat(fc.searches.get(0).policy).isEqualTo("hedge");
        assertThat(fc.searches.get(0).mode).isEqualTo(EnsembleSpec.Mode.MIX);
    }

    @Test
    void aBadSearchIsOneClearConfigError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> load(dir, "    - {name: l, kind: lms, history: 4, search: {grid: {}}}\n").forecastConfig())
                .isInstanceOf(JobConfig.ConfigException.class).hasMessage("forecast settings: learner 'l' search: the grid is empty");
        assertThatThrownBy(() -> load(dir, "    - {name: l, kind: lms, history: 4, search: {mode: vote, grid: {eta: [1]}}}\n")
                .forecastConfig()).hasMessage("forecast settings: mode must be mix or pick, not 'vote'");
        assertThatThrownBy(() -> load(dir, "    - {name: l, kind: lms, history: 4, search: {policy: exp3, grid: {eta: [1]}}}\n")
                .forecastConfig()).hasMessageContaining("policy must be one of [hedge, adanormalhedge]");
        assertThatThrownBy(() -> load(dir, "    - {name: l, kind: lms, history: 4, search: {grid: {history: [2.5]}}}\n")
                .forecastConfig()).hasMessageContaining("history values must be whole numbers");
        assertThatThrownBy(() -> load(dir, "    - {name: l, kind: lms, history: 4, search: {grid: {eta: [1,2,3,4,5,6,7,8,9], "
                + "mu: [1,2,3,4,5,6,7,8]}}}\n").forecastConfig()).hasMessageContaining("72 grid points, at most 64");
        assertThatThrownBy(() -> load(dir, "    - {name: l, kind: lms, history: 4, search: {gird: {eta: [1]}}}\n"))
                .isInstanceOf(JobConfig.ConfigException.class).hasMessageContaining("gird");
    }

    @Test
    void valuesArePrintedInPlainDecimal() {
        assertThat(SearchGrid.plain(0.0005)).isEqualTo("0.0005");
        assertThat(SearchGrid.plain(12.0)).isEqualTo("12");
        assertThat(SearchGrid.plain(1e-7)).isEqualTo("0.0000001");
        assertThat(SearchGrid.plain(-0.0)).isEqualTo("0");
    }
}
