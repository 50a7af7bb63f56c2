package io.tidecast.connectors.replay;

/** A replay that could not deliver every record; the message says which record and where. */
public final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
