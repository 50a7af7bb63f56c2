package io.tidecast.learners.relax;

/** A linear system SOR cannot (or must not) be run on; the message is the reject reason shown to the sender. */
public final class InvalidSystemException extends Exception {
    public InvalidSystemException(String reason) {
        super(reason);
    }
}
