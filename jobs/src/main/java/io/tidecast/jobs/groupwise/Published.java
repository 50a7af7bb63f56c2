package io.tidecast.jobs.groupwise;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published medical-cost results (Acharya et al., ICLR 2024; the authors' {@code tables/medical.csv}): per group,
 * the mean over the 10 orders of the end regret of the baseline and of ours, and of the hindsight SSE; cumulative
 * loss = hindsight + regret. Units: squared min-max-scaled target.
 */
public final class Published {
    /** baseline regret, ours regret, hindsight SSE. */
    public record Row(int size, double baseRegret, double oursRegret, double hindsight) {
        public double baseLoss() {
            return hindsight + baseRegret;
        }

        public double oursLoss() {
            return hindsight + oursRegret;
        }
    }

    public static final Map<String, Row> MEDICAL = new LinkedHashMap<>();

    static {
        MEDICAL.put("young", new Row(574, 0.5465514064023869, -1.5832752012747924, 5.404177072608418));
        MEDICAL.put("middle", new Row(408, 0.37591736595394154, -0.9720515196517067, 3.3359461941807496));
        MEDICAL.put("old", new Row(356, 0.4373918508614456, -0.6428326077877126, 3.130801569402867));
        MEDICAL.put("underweight", new Row(20, 0.15657857453146237, 0.11190291355399032, 0.02695053384966915));
        MEDICAL.put("healthy", new Row(225, 1.5881796338799394, 0.3644003597376269, 1.0043258970075923));
        MEDICAL.put("overweight", new Row(386, 1.5472252150920602, 0.43145159243797, 1.8366689706248898));
        MEDICAL.put("obese", new Row(707, 3.419994472557204, 1.2462030783990894, 3.6508621618669954));
        MEDICAL.put("smoker", new Row(274, 5.064600386477544, 1.4736133402095448, 0.9002415546590583));
        MEDICAL.put("non-smoker", new Row(1064, 1.6992612881618114, 0.7322283824978234, 5.566682230111398));
        MEDICAL.put("male", new Row(676, 0.6471701763852951, -1.7494202615616423, 6.112178604085087));
        MEDICAL.put("female", new Row(662, 0.5927318243245379, -1.568697689660512, 5.878704854614893));
        MEDICAL.put("always_on", new Row(1338, 1.1290939683379102, -3.4289259835940795, 12.101691491071904));
    }

    private Published() {}
}
