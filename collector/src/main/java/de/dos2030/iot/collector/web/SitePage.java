package de.dos2030.iot.collector.web;

/**
 * Where a site's own page is: a school's rooms ({@code /schulen/{site}}) or a bridge
 * ({@code /bruecken/{site}}). One place for the rule, so that the fleet's table and map and the
 * lists of sites link alike.
 */
public final class SitePage {
    private SitePage() {}

    /** The page of site {@code siteId} of kind {@code kind} ("school" or "bridge", as on the wire). */
    public static String of(String kind, String siteId) {
        return switch (kind) {
            case "school" -> "/schulen/" + siteId;
            case "bridge" -> "/bruecken/" + siteId;
            default ->
                throw new IllegalArgumentException(
                        "site '" + siteId + "': kind '" + kind + "' has no page (allowed: school, bridge)");
        };
    }
}
