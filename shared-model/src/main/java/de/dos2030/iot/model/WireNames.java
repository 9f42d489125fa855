package de.dos2030.iot.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Wire names of the contract's enums: {@link Quantity} has its own; every other enum is written
 * as its constant name in lower case ({@code sensor_fault}, {@code critical}).
 */
public final class WireNames {
    private WireNames() {}

    public static String of(Enum<?> value) {
        return value instanceof Quantity q ? q.wireName() : value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this wire name, or {@code null} when there is none. */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The allowed wire names, comma separated, for error messages. */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
    }
}
