package io.tidecast.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidecast.records.Forecast;
import io.tidecast.records.MetricsRecord;
import io.tidecast.records.Reject;
import io.tidecast.records.Sample;
import org.junit.jupiter.api.Test;

class DashboardStateTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Sample sample(String key, long ts, double v) {
        Sample s = new Sample();
        s.key = key;
        s.ts = ts;
        s.values = new double[] {v, -v};
        return s;
    }

    static MetricsRecord metrics(String key, String model, long h, long ts, String scope, double nrmse, Double weight, Double regret) {
        MetricsRecord m = new MetricsRecord();
        m.key = key;
        m.model = model;
        m.horizonMs = h;
        m.ts = ts;
        m.scope = scope;
        m.nrmse = nrmse;
        m.weight = weight;
        m.regret = regret;
        return m;
    }

    @Test
    void memoryIsBoundedPerSeriesAndInKeys() throws Exception {
        DashboardState st = new DashboardState(5, 2);
        for (int i = 0; i < 100; i++) {
            for (String k : new String[] {"a", "b", "c"}) {
                st.onSample(sample(k, i * 100L, i));
                st.onForecast(new Forecast(k, "rls", i * 100L, 500, i * 100L + 500, new double[] {i, i}));
            }
        }
        // 2 keys x (samples + one forecast series) x 5 points; key c is over the limit and counted, not kept
        assertThat(st.heldPoints()).isEqualTo(2 * 2 * 5);
        JsonNode u = JSON.readTree(st.update("a", 500L, 0));
        assertThat(u.get("keys")).hasSize(2);
        assertThat(u.get("counts").get("droppedKeys").asLong()).isEqualTo(100 * 2);
        assertThat(u.get("counts").get("samples").asLong()).isEqualTo(300);
        assertThat(u.get("samples")).hasSize(5);
        assertThat(u.get("samples").get(0).get(0).asLong()).isEqualTo(9500); // the newest five, oldest first
        assertThat(u.get("samples").get(4).get(1).asDouble()).isEqualTo(99);
        assertThat(u.get("forecasts").get("rls").get(4).get(0).asLong()).isEqualTo(99 * 100 + 500); // at the target time
    }

    @Test
    void anUpdateCarriesOnlyWhatIsNewForTheSelection() throws Exception {
        DashboardState st = new DashboardState(100, 10);
        st.onSample(sample("a", 0, 1));
        st.onSample(sample("b", 0, 2));
        JsonNode first = JSON.readTree(st.update(null, null, 0));
        assertThat(first.get("key").asText()).isEqualTo("a"); // the first key when none is chosen
        assertThat(first.get("horizon").isNull()).isTrue();
        long cursor = first.get("seq").asLong();
        st.onSample(sample("a", 100, 3));
        st.onSample(sample("b", 100, 4));
        st.onForecast(new Forecast("a", "ensemble", 100, 1000, 1100, new double[] {5, 5}));
        st.onForecast(new Forecast("a", "ensemble", 100, 500, 600, new double[] {6, 6}));
        st.onMetrics(metrics("a", "ensemble", 500, 100, "window", 0.3, null, 1.5));
        st.onMetrics(metrics("a", "ensemble", 500, 100, "total", 0.4, null, 1.5));
        st.onMetrics(metrics("a", "rls", 500, 100, "window", 0.2, 0.7, null));
        Reject r = new Reject();
        r.reason = "not-json";
        st.onReject(r);
        st.onReject(r);
        JsonNode next = JSON.readTree(st.update("a", 500L, cursor));
        assertThat(next.get("horizons").toString()).isEqualTo("[500,1000]");
        assertThat(next.get("samples")).hasSize(1);
        assertThat(next.get("samples").get(0).get(1).asDouble()).isEqualTo(3);
        assertThat(next.get("forecasts").get("ensemble")).hasSize(1);
        assertThat(next.get("forecasts").get("ensemble").get(0).get(0).asLong()).isEqualTo(600);
        assertThat(next.get("metrics").get("ensemble").get(0).toString()).isEqualTo("[100,0.3,null,1.5]");
        assertThat(next.get("metrics").get("rls").get(0).toString()).isEqualTo("[100,0.2,0.7,null]");
        assertThat(next.get("table").get("500").get("ensemble").toString()).isEqualTo("[0.3,0.4]");
        assertThat(next.get("rejectsByReason").get("not-json").asLong()).isEqualTo(2);
        // an unknown selection falls back to what exists
        assertThat(JSON.readTree(st.update("nosuch", 42L, 0)).get("key").asText()).isEqualTo("a");
    }
}
