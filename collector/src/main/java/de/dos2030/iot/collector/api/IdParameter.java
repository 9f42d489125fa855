package de.dos2030.iot.collector.api;

import de.dos2030.iot.model.validation.Validator;

/**
 * The id rule for parameters that arrive outside a request bean (path variables, JSON bodies,
 * InfluxQL building); request beans use {@link ValidId}. Both say the same words.
 */
public final class IdParameter {
    private IdParameter() {}

    /** Whether {@code value} is an id as shared-model's {@link Validator} defines it. */
    public static boolean isValid(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= Validator.MAX_ID_LENGTH
                && Validator.ID_PATTERN.matcher(value).matches();
    }

    /**
     * Refuses what is not a valid id; returns it unchanged.
     *
     * @throws BadRequestException naming {@code parameter}, when {@code value} is not a valid id
     */
    public static String require(String parameter, String value) {
        if (!isValid(value)) {
            throw new BadRequestException(parameter + " " + ErrorAnswer.quoted(value) + " " + ValidId.RULE);
        }
        return value;
    }
}
