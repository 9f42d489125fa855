package de.dos2030.iot.model;

/**
 * What a location inside a site is: a room of a school or a section (span, field) of a bridge. The
 * wire name ({@code room}, {@code section}) is the spelling in the gateway's YAML file, the health
 * report's place description and the collector's API.
 */
public enum LocationKind {
    ROOM("room", SiteKind.SCHOOL),
    SECTION("section", SiteKind.BRIDGE);

    private final String wireName;
    private final SiteKind siteKind;

    LocationKind(String wireName, SiteKind siteKind) {
        this.wireName = wireName;
        this.siteKind = siteKind;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind of site this kind of location belongs to. */
    public SiteKind siteKind() {
        return siteKind;
    }

    /** The kind of location a site of this kind has. */
    public static LocationKind of(SiteKind kind) {
        return kind == SiteKind.BRIDGE ? SECTION : ROOM;
    }
}
