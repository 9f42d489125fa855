package de.dos2030.iot.collector.api;

/** The thing the request names does not exist, or not for this caller (HTTP 404, {@link NotFoundHandler}). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
