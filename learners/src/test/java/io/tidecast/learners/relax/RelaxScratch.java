package io.tidecast.learners.relax;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelaxScratch {
    @Test
    void scratch() {
        for (ShiftSetting s : ShiftSetting.values()) {
            long t0 = System.nanoTime();
            RelaxInstances gen = new RelaxInstances(s, 1);
            int T = Integer.getInteger("T", 5000);
            RelaxTrial.Result r = RelaxTrial.run(gen, 0, T, List.of(RelaxPolicy.values()));
            long t1 = System.nanoTime();
            StringBuilder sb = new StringBuilder(s + " " + (t1 - t0) / 1e9 + " s\n");
            for (int p = 0; p < 3; p++) sb.append(r.policies().get(p)).append(' ').append(mean(r.policy()[p])).append('\n');
            for (int j : new int[] {0, 4, 8, 12, 16}) sb.append("grid ").append(OmegaGrid.omega(j)).append(' ').append(mean(r.grid()[j])).append('\n');
            sb.append("best ").append(OmegaGrid.omega(r.bestFixedArm())).append(' ').append(mean(r.grid()[r.bestFixedArm()])).append('\n');
            sb.append("star ").append(mean(r.star())).append('\n');
            System.out.println(sb);
        }
    }

    static double mean(int[] a) {
        double s = 0;
        for (int v : a) s += v;
        return s / a.length;
    }
}
