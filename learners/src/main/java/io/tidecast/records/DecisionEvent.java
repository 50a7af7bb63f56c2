package io.tidecast.records;

import java.util.Arrays;

/**
 * One input of the decision service after decoding: a request ({@code tidecast.decisions.requests},
 * {@code {"key","requestId","context":[...]}}) or a cost ({@code tidecast.decisions.feedback},
 * {@code {"requestId","cost"}}). Feedback carries no key; the router fills it in from the request with the same
 * requestId. A public-field POJO so that Flink uses its POJO serializer (no Kryo).
 */
public final class DecisionEvent {
    public static final int REQUEST = 0;
    public static final int FEEDBACK = 1;

    /** {@link #REQUEST} or {@link #FEEDBACK}. */
    public int kind;
    /** The key whose policy decides; null on feedback until the router has matched it to its request. */
    public String key;
    public String requestId;
    /** Event time: the Kafka record timestamp, epoch ms. */
    public long ts;
    /** Request only: the context vector, null when absent. */
    public double[] context;
    /** Feedback only: the cost of the arm that was played. */
    public double cost;
    public RecordOrigin origin;

    public DecisionEvent() {}

    public static DecisionEvent request(String key, String requestId, long ts, double[] context) {
        DecisionEvent e = new DecisionEvent();
        e.kind = REQUEST;
        e.key = key;
        e.requestId = requestId;
        e.ts = ts;
        e.context = context;
        return e;
    }

    public static DecisionEvent feedback(String requestId, long ts, double cost) {
        DecisionEvent e = new DecisionEvent();
        e.kind = FEEDBACK;
        e.requestId = requestId;
        e.ts = ts;
        e.cost = cost;
        return e;
    }

    public boolean isRequest() {
        return kind == REQUEST;
    }

    /** The record as JSON text, for reject records raised after decoding (the original bytes are gone by then). */
    public String toJson() {
        StringBuilder b = new StringBuilder(64);
        if (isRequest()) {
            b.append("{\"key\":");
            quote(b, key);
            b.append(",\"requestId\":");
            quote(b, requestId);
            if (context != null) {
                b.append(",\"context\":[");
                for (int i = 0; i < context.length; i++) {
                    if (i > 0) b.append(',');
                    b.append(Double.isFinite(context[i]) ? Double.toString(context[i]) : "null");
                }
                b.append(']');
            }
        } else {
            b.append("{\"requestId\":");
            quote(b, requestId);
            b.append(",\"cost\":").append(Double.isFinite(cost) ? Double.toString(cost) : "null");
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return (isRequest() ? "Request" : "Feedback") + "{" + key + "/" + requestId + "@" + ts
                + (isRequest() ? " " + Arrays.toString(context) : " cost=" + cost) + "}";
    }
}
