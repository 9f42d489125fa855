package de.dos2030.iot.model.codec;

/**
 * The bytes are not a batch. The only exception a decoder throws for bad input.
 */
public final class DecodeException extends Exception {
    private final String path;
    private final String reason;

    public DecodeException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** Where in the payload, e.g. {@code readings[3].quality}; empty for the payload as a whole. */
    public String path() {
        return path;
    }

    /** What is wrong, e.g. {@code unknown value 'bad' (allowed: ok, suspect, ...)}. */
    public String reason() {
        return reason;
    }
}
