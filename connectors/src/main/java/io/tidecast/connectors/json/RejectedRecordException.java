package io.tidecast.connectors.json;

import io.tidecast.records.RejectCode;

/**
 * A record that cannot be used; {@link #getMessage()} is the specific reason that goes to the rejects topic.
 *
 * <p>Unchecked so that it can cross Flink functional interfaces, and created without a stack trace because a
 * flood of garbage input must not cost a stack walk per record: the reason and the record origin identify
 * the problem, the decoder's stack does not.
 */
public final class RejectedRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectCode code;

    /** A reject whose code is {@link RejectCode#classify classified} from the reason (prefer passing the code). */
    public RejectedRecordException(String reason) {
        this(RejectCode.classify(reason), reason);
    }

    public RejectedRecordException(RejectCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** The kind of problem: the reject record's {@code code} and the counter it is counted in. */
    public RejectCode code() {
        return code;
    }

    /** The specific reason, e.g. {@code "missing ts"} or {@code "values[2] is not a number"}. */
    public String reason() {
        return getMessage();
    }
}
