package io.tidecast.records;

/**
 * What the relaxation tuner did with one system for one policy ({@code tidecast.relax.results}): the omega it chose,
 * the SOR iterations that cost, and its cumulative regret so far against the best fixed grid omega in hindsight and
 * against Young's instance-optimal omega*. A Flink POJO.
 */
public final class RelaxResult {
    public String key;
    public long seq;
    public String policy;
    public int arm;
    public double omega;
    public int cost;
    public double probability;
    public double omegaStar;
    public int costStar;
    public double bestFixedOmega;
    public double cumulativeCost;
    public double regretBestFixed;
    public double regretInstanceOptimal;
    /** Iterations of every grid omega on this system (the full cost table behind the regrets). */
    public int[] grid;
    /** The solution at the chosen omega, if asked for (first policy only), else null. */
    public double[] x;

    public RelaxResult() {}
}
