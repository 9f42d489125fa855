package de.dos2030.iot.collector.places;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A site ({@code locationId} empty) or a location inside one, as the registry holds it: its
 * fields' values, which of them an admin set ({@code adminFields}: reports no longer overwrite
 * them), and who last reported and edited it, when.
 *
 * @param kind wire name: {@code school}/{@code bridge} for a site, {@code room}/{@code section} for a location
 */
record PlaceRow(
        String siteId,
        String locationId,
        String kind,
        Map<PlaceField, Object> values,
        boolean isPublic,
        Set<PlaceField> adminFields,
        String reportedBy,
        Instant reportedAt,
        String editedBy,
        Instant editedAt) {

    PlaceRow {
        values = Collections.unmodifiableMap(new HashMap<>(values)); // null values allowed: unknown
        adminFields = adminFields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(adminFields));
    }

    boolean isSite() {
        return locationId.isEmpty();
    }

    Object value(PlaceField f) {
        return values.get(f);
    }

    /** This row with these values written by {@code gateway} at {@code now}. */
    PlaceRow reported(Map<PlaceField, Object> changed, String gateway, Instant now) {
        Map<PlaceField, Object> v = new HashMap<>(values);
        v.putAll(changed);
        return new PlaceRow(siteId, locationId, kind, v, isPublic, adminFields, gateway, now, editedBy, editedAt);
    }

    /** This row with these values set by an admin: they become the admin's. */
    PlaceRow edited(Map<PlaceField, Object> changed, Boolean publicFlag, String admin, Instant now) {
        Map<PlaceField, Object> v = new HashMap<>(values);
        v.putAll(changed);
        Set<PlaceField> owned = EnumSet.noneOf(PlaceField.class);
        owned.addAll(adminFields);
        owned.addAll(changed.keySet());
        return new PlaceRow(
                siteId,
                locationId,
                kind,
                v,
                publicFlag == null ? isPublic : publicFlag,
                owned,
                reportedBy,
                reportedAt,
                admin,
                now);
    }

    /** This row with {@code field} set to a reported value and given back to the gateways. */
    PlaceRow accepted(PlaceField field, Object value, String admin, Instant now) {
        Map<PlaceField, Object> v = new HashMap<>(values);
        v.put(field, value);
        Set<PlaceField> owned = EnumSet.noneOf(PlaceField.class);
        owned.addAll(adminFields);
        owned.remove(field);
        return new PlaceRow(siteId, locationId, kind, v, isPublic, owned, reportedBy, reportedAt, admin, now);
    }

    String adminFieldsText() {
        return adminFields.stream().map(PlaceField::wireName).sorted().collect(Collectors.joining(","));
    }

    static Set<PlaceField> parseAdminFields(String text) {
        Set<PlaceField> out = EnumSet.noneOf(PlaceField.class);
        if (text != null) {
            for (String name : text.split(",")) {
                PlaceField f = PlaceField.parse(name.trim());
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
