package de.dos2030.iot.collector.query;

import de.dos2030.iot.model.validation.Validator;

/**
 * The only way a caller's text reaches InfluxQL. Every identifier (site, gateway, sensor) is
 * first checked against shared-model's {@link Validator#ID_PATTERN} (an id that could never have
 * been stored is refused with {@link BadQueryException}), then quoted and escaped anyway, so
 * that a check that is later loosened still cannot let a quote through. Measurement and field
 * names come from shared-model's {@code Quantity}, never from the request, and are quoted too.
 */
public final class InfluxQl {
    private InfluxQl() {}

    /** Refuses what is not a valid id; returns it unchanged. */
    public static String requireId(String parameter, String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > Validator.MAX_ID_LENGTH
                || !Validator.ID_PATTERN.matcher(value).matches()) {
            throw new BadQueryException(parameter + " '" + printable(value) + "' is not a valid id: 1 to "
                    + Validator.MAX_ID_LENGTH + " characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        return value;
    }

    /** A string literal for a tag comparison: {@code 'school-1'}, with {@code \} and {@code '} escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A quoted identifier: {@code "co2"}, with {@code \} and {@code "} escaped. */
    public static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code "tag" = 'value'} for a validated id. */
    public static String tagEquals(String tag, String parameter, String value) {
        return identifier(tag) + " = " + literal(requireId(parameter, value));
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
