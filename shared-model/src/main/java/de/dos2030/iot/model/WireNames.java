package de.dos2030.iot.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Wire names of the contract's enums: {@link Quantity} has its own; every other enum is written
 * as its constant name in lower case ({@code sensor_fault}, {@code critical}).
 */
public final class WireNames {
    /** Each enum's wire names by ordinal, computed once: ingest asks for them per reading. */
    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants())
                    .map(e -> e instanceof Quantity q
                            ? q.wireName()
                            : ((Enum<?>) e).name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
        }
    };

    private WireNames() {}

    public static String of(Enum<?> value) {
        return NAMES.get(value.getDeclaringClass())[value.ordinal()];
    }

    /** The constant with this wire name, or {@code null} when there is none. */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        String[] names = NAMES.get(type);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return type.getEnumConstants()[i];
            }
        }
        return null;
    }

    /** The allowed wire names, comma separated, for error messages. */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
    }
}
