package de.dos2030.iot.collector.condition;

import de.dos2030.iot.model.Quantity;

/**
 * What condition monitoring follows per sensor: the first three vertical modes' frequencies (f1..f3),
 * and the strain or tilt level. Wire names {@code f1}, {@code f2}, {@code f3}, {@code strain},
 * {@code tilt} appear in the API, the CSV and the relational store.
 */
public enum Feature {
    F1(Quantity.modeFrequency(0), "modal-shift"),
    F2(Quantity.modeFrequency(1), "modal-shift"),
    F3(Quantity.modeFrequency(2), "modal-shift"),
    STRAIN(Quantity.STRAIN, "settlement"),
    TILT(Quantity.TILT, "settlement");

    private static final java.util.Map<Quantity, Feature> BY_QUANTITY = new java.util.EnumMap<>(Quantity.class);

    static {
        for (Feature f : values()) {
            BY_QUANTITY.put(f.quantity, f);
        }
    }

    private final Quantity quantity;
    private final String alertRule;

    Feature(Quantity quantity, String alertRule) {
        this.quantity = quantity;
        this.alertRule = alertRule;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The quantity whose readings feed this feature. */
    public Quantity quantity() {
        return quantity;
    }

    /** The alert rule this feature raises: {@code modal-shift} for modes, {@code settlement} for strain and tilt. */
    public String alertRule() {
        return alertRule;
    }

    public boolean isMode() {
        return ordinal() <= F3.ordinal();
    }

    /** The feature fed by {@code q}, or null when condition monitoring does not follow it. */
    public static Feature of(Quantity q) {
        return q == null ? null : BY_QUANTITY.get(q);
    }

    /** The feature with this wire name, or null. */
    public static Feature parse(String wireName) {
        for (Feature f : values()) {
            if (f.wireName().equals(wireName)) {
                return f;
            }
        }
        return null;
    }
}
