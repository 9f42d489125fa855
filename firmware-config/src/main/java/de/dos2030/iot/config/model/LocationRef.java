package de.dos2030.iot.config.model;

import de.dos2030.iot.model.LocationKind;

/**
 * Where a sensor is, as its entry says: {@code room: r204} (schools) or {@code section: feld-2}
 * (bridges). {@link GatewayInvariants} checks that it names a location the site declares.
 */
public record LocationRef(LocationKind kind, String id) {
    public LocationRef {
        if (kind == null || id == null) {
            throw new IllegalArgumentException("kind and id are required");
        }
    }

    /** The key of a sensor entry that names such a location: {@code room} or {@code section}. */
    public String key() {
        return kind.wireName();
    }
}
