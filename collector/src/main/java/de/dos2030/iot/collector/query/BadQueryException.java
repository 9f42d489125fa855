package de.dos2030.iot.collector.query;

/** The caller's request cannot be answered as asked (HTTP 400): the message says what to change. */
public class BadQueryException extends RuntimeException {
    public BadQueryException(String message) {
        super(message);
    }
}
