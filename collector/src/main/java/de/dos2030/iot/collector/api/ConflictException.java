package de.dos2030.iot.collector.api;

/**
 * The request is well formed but clashes with the current state, e.g. an id that is taken or an
 * alert that is already cleared (HTTP 409, {@link ConflictHandler}): the message says what to do instead.
 */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
