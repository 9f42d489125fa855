package de.dos2030.iot.collector.api;

/**
 * The request cannot be answered as asked (HTTP 400, {@link BadRequestHandler}): the message names
 * the parameter and what is allowed. Subclasses may have their own handler and status.
 */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
