package de.dos2030.iot.collector.gateways.enrol;

import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.validation.Validator;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a claim code stands for: the gateway it enrols, its site and kind, optionally the room or bridge
 * section (from a bulk import), and when it stops working. Immutable; ids are checked here.
 *
 * @param location the location id of a bulk import's row, or null
 * @param usedAt   when the code was redeemed, or null while it is open
 */
public record Claim(
        String gatewayId,
        String siteId,
        SiteKind siteKind,
        @Nullable String location,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt) {

    public Claim {
        requireId("gateway id", gatewayId);
        requireId("site id", siteId);
        if (location != null) {
            requireId("location", location);
        }
        if (siteKind == null) {
            throw new IllegalArgumentException("site kind is missing (allowed: bridge, school)");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a claim must expire after it is created");
        }
    }

    /** Whether {@code value} is a valid id: 1 to 64 of A-Z a-z 0-9 . _ - starting with a letter or digit. */
    static boolean isId(@Nullable String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= Validator.MAX_ID_LENGTH
                && Validator.ID_PATTERN.matcher(value).matches();
    }

    static void requireId(String what, @Nullable String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be 1 to 64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
    }
}
