package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.WireNames;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A cursor over a JSON or CBOR token stream that knows where it is ({@code readings[3].value})
 * and turns every surprise into a {@link DecodeException} naming that place. Both codecs read
 * through it, so both report bad input the same way.
 */
final class StructReader {
    private final JsonParser parser;
    private final Deque<String> path = new ArrayDeque<>();

    StructReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Reads the first token and checks it opens an object. */
    void beginDocument() throws DecodeException {
        if (next() != JsonToken.START_OBJECT) {
            throw fail("expected an object");
        }
    }

    /** Checks that nothing follows the top-level object. */
    void endDocument() throws DecodeException {
        if (next() != null) {
            throw fail("unexpected data after the batch");
        }
    }

    /** Advances to the next field of the current object; false at its end. Value token is current after. */
    boolean nextField() throws DecodeException {
        JsonToken t = next();
        if (t == JsonToken.END_OBJECT) {
            return false;
        }
        if (t != JsonToken.FIELD_NAME) {
            throw fail("expected a field name");
        }
        next();
        return true;
    }

    String fieldName() throws DecodeException {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw fail("unreadable field name");
        }
    }

    /** Enters the current field's value as named path segment; call {@link #leave()} after. */
    void enter(String segment) {
        path.addLast(segment);
    }

    void leave() {
        path.removeLast();
    }

    void expectObject() throws DecodeException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw fail("expected an object");
        }
    }

    void expectArray() throws DecodeException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw fail("expected an array");
        }
    }

    /** Advances inside an array; false at its end. */
    boolean nextElement() throws DecodeException {
        return next() != JsonToken.END_ARRAY;
    }

    JsonToken currentToken() {
        return parser.currentToken();
    }

    /** The current CBOR byte string. */
    byte[] binary() throws DecodeException {
        try {
            return parser.getBinaryValue();
        } catch (IOException e) {
            throw fail(malformed(e));
        }
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** Skips the current value (an unknown field: tolerated for forward compatibility). */
    void skipValue() throws DecodeException {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw fail(malformed(e));
        }
    }

    String string() throws DecodeException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw fail("expected a string");
        }
        try {
            return parser.getText();
        } catch (IOException e) {
            throw fail(malformed(e));
        }
    }

    String optionalString() throws DecodeException {
        return isNull() ? null : string();
    }

    long longValue() throws DecodeException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw fail("expected an integer");
        }
        try {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw fail("integer out of range");
            }
            return parser.getLongValue();
        } catch (IOException e) {
            throw fail(malformed(e));
        }
    }

    int intValue() throws DecodeException {
        long v = longValue();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail("integer out of range");
        }
        return (int) v;
    }

    /** A number; also the strings NaN/Infinity/-Infinity, so the Validator can name them. */
    double doubleValue() throws DecodeException {
        JsonToken t = parser.currentToken();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return parser.getDoubleValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                switch (parser.getText()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
        } catch (IOException e) {
            throw fail(malformed(e));
        }
        throw fail("expected a number");
    }

    Double optionalDouble() throws DecodeException {
        return isNull() ? null : doubleValue();
    }

    /** ISO-8601 text (JSON) or epoch milliseconds (CBOR). */
    Instant instant() throws DecodeException {
        if (isNull()) {
            return null;
        }
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return epochMillis(longValue());
        }
        String text = string();
        try {
            return IsoInstant.parse(text);
        } catch (DateTimeException e) {
            throw fail("'" + text + "' is not an ISO-8601 instant such as 2026-11-27T08:15:00Z");
        }
    }

    Instant epochMillis(long millis) throws DecodeException {
        try {
            return Instant.ofEpochMilli(millis);
        } catch (DateTimeException e) {
            throw fail("time out of range");
        }
    }

    /** ISO-8601 text (JSON, e.g. PT5M) or milliseconds (CBOR). */
    Duration duration() throws DecodeException {
        if (isNull()) {
            return null;
        }
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return Duration.ofMillis(longValue());
        }
        String text = string();
        try {
            return Duration.parse(text);
        } catch (DateTimeException e) {
            throw fail("'" + text + "' is not an ISO-8601 duration such as PT5M");
        }
    }

    <E extends Enum<E>> E enumValue(Class<E> type) throws DecodeException {
        if (isNull()) {
            return null;
        }
        String name = string();
        E value = WireNames.parse(type, name);
        if (value == null) {
            throw fail("unknown value '" + name + "' (allowed: " + WireNames.allowed(type) + ")");
        }
        return value;
    }

    Quantity quantity() throws DecodeException {
        return enumValue(Quantity.class);
    }

    DecodeException fail(String reason) {
        return new DecodeException(String.join("", path).replaceFirst("^\\.", ""), reason);
    }

    private JsonToken next() throws DecodeException {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw fail(malformed(e));
        }
    }

    private static String malformed(IOException e) {
        String detail = e instanceof StreamReadException sre ? sre.getOriginalMessage() : e.getMessage();
        return "malformed input: "
                + (detail == null
                        ? e.getClass().getSimpleName()
                        : detail.lines().findFirst().orElse(""));
    }
}
