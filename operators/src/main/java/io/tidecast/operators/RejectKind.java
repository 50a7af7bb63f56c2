package io.tidecast.operators;

import java.util.List;

/**
 * A short, stable label for a reject reason (the reasons themselves carry values, e.g. the offending timestamp),
 * for metrics: one of {@link #ALL}.
 */
public final class RejectKind {
    public static final List<String> ALL = List.of("not_json", "missing_field", "wrong_type", "tombstone", "vector_length",
            "timestamp_order", "non_finite", "learner_reset", "other");

    private RejectKind() {}

    public static String of(String reason) {
        if (reason == null) return "other";
        if (reason.contains("tombstone")) return "tombstone";
        if (reason.startsWith("not valid JSON") || reason.startsWith("not a JSON object") || reason.startsWith("not UTF-8")
                || reason.startsWith("empty record") || reason.startsWith("trailing data") || reason.startsWith("duplicate field")) {
            return "not_json";
        }
        if (reason.startsWith("missing ")) return "missing_field";
        if (reason.contains(" must be ") || reason.contains(" must not be ") || reason.contains("is not a string")) return "wrong_type";
        if (reason.startsWith("vector length")) return "vector_length";
        if (reason.startsWith("timestamp")) return "timestamp_order";
        if (reason.contains("non-finite value")) return "non_finite";
        if (reason.startsWith("learner '")) return "learner_reset";
        return "other";
    }
}
