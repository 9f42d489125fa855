package de.dos2030.iot.collector.gateways;

/** What a site is: stored as the {@code site_kind} tag so that bridges and schools can be queried apart. */
public enum SiteKind {
    BRIDGE,
    SCHOOL;

    /** The tag value: {@code bridge}, {@code school}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
