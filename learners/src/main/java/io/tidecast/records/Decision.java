package io.tidecast.records;

/** The answer to one request: the {@code tidecast.decisions} contract {@code {"key","requestId","arm","probability"}}. */
public final class Decision {
    public String key;
    public String requestId;
    /** Name of the chosen arm, as configured for the key's family. */
    public String arm;
    /** The probability with which the arm was drawn (what an off-policy evaluator needs). */
    public double probability;
    /** Event time of the request, epoch ms (not written to the topic; used for ordering and tests). */
    public long ts;

    public Decision() {}

    public Decision(String key, String requestId, String arm, double probability, long ts) {
        this.key = key;
        this.requestId = requestId;
        this.arm = arm;
        this.probability = probability;
        this.ts = ts;
    }

    @Override
    public String toString() {
        return "Decision{" + key + "/" + requestId + " -> " + arm + " p=" + probability + "}";
    }
}
