package de.dos2030.iot.model.codec;

/** Bounds every decoder enforces on untrusted input, before it allocates for it. */
public final class DecodeLimits {
    private DecodeLimits() {}

    /** A day of a 100 Hz bridge in features fits many times over; anything bigger is refused unread. */
    public static final int MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
    /** A batch nests four levels deep; more is an attack or a bug. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest string the parser will materialise (ids and messages are far shorter). */
    public static final int MAX_STRING_LENGTH = 4_096;
    /** Same as the Validator's bound: the decoder stops counting there. */
    public static final int MAX_READINGS = de.dos2030.iot.model.validation.Validator.MAX_READINGS;

    public static final int MAX_ALERTS = de.dos2030.iot.model.validation.Validator.MAX_ALERTS;

    /** Raw values in one capture (the Validator's bound): the decoder stops there. */
    public static final int MAX_CAPTURE_VALUES = de.dos2030.iot.model.validation.Validator.MAX_CAPTURE_VALUES;

    public static final int MAX_CAPTURES = de.dos2030.iot.model.validation.Validator.MAX_CAPTURES;
}
