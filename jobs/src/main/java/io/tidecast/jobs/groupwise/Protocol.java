package io.tidecast.jobs.groupwise;

/** How features and the target are scaled before the online pass. */
public enum Protocol {
    /** Min-max bounds of the whole file, known before the first record (the paper's look-ahead); regret fit on T_g − 1 rows as published. */
    PAPER,
    /** Running min-max bounds of what has arrived (what a stream can do); regret fit on the whole subsequence. */
    CAUSAL
}
