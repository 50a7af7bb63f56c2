package io.tidecast.learners.relax;

import io.tidecast.learners.policy.PolicySpec;
import java.util.Map;

/**
 * The bandits of the published experiment over {@link OmegaGrid}, by name, with the code's settings: Tsallis-INF
 * (practical anytime variant), Tsallis-INF-CB (5 bins on [-0.15, 0.65]) and ChebCB (SquareCB with a per-arm
 * online least-squares oracle on 6 Chebyshev terms over [-0.15, 0.65]).
 */
public enum RelaxPolicy {
    TSALLIS_INF("tsallis-inf", "Tsallis-INF"),
    TSALLIS_INF_CB("tsallis-inf-cb", "Tsallis-INF-CB"),
    CHEBCB("chebcb", "ChebCB");

    public static final double CONTEXT_LO = -0.15;
    public static final double CONTEXT_HI = 0.65;

    public final String id;
    public final String label;

    RelaxPolicy(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public boolean contextual() {
        return this != TSALLIS_INF;
    }

    public PolicySpec spec(long seed) {
        return switch (this) {
            case TSALLIS_INF -> new PolicySpec("tsallis-inf", OmegaGrid.SIZE, seed, Map.of("offset", 1.0));
            case TSALLIS_INF_CB -> new PolicySpec("tsallis-inf-cb", OmegaGrid.SIZE, seed,
                    Map.of("bins", 5.0, "lo", CONTEXT_LO, "hi", CONTEXT_HI, "offset", 1.0));
            case CHEBCB -> new PolicySpec("squarecb", OmegaGrid.SIZE, seed,
                    Map.of("terms", 6.0, "lo", CONTEXT_LO, "hi", CONTEXT_HI, "offset", 1.0));
        };
    }

    public static RelaxPolicy byId(String id) {
        for (RelaxPolicy p : values()) if (p.id.equalsIgnoreCase(id.trim())) return p;
        throw new IllegalArgumentException("unknown relax policy '" + id + "'; known: tsallis-inf, tsallis-inf-cb, chebcb");
    }
}
