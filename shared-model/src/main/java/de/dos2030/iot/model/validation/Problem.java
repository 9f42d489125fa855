package de.dos2030.iot.model.validation;

/**
 * One thing wrong with a batch.
 *
 * @param path    where, e.g. {@code readings[17].value}
 * @param message what is wrong, e.g. {@code NaN is not allowed}
 */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
