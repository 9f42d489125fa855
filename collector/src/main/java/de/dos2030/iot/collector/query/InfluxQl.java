package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.security.Scope;

/**
 * The only way a caller's text reaches InfluxQL. Every identifier (site, gateway, sensor) is
 * first checked by {@link IdParameter} (an id that could never have been stored is refused with
 * {@link BadRequestException}), then quoted and escaped anyway, so that a check that is later
 * loosened still cannot let a quote through. Measurement and field names come from
 * shared-model's {@code Quantity}, never from the request, and are quoted too.
 */
public final class InfluxQl {
    private InfluxQl() {}

    /** A string literal for a tag comparison: {@code 'school-1'}, with {@code \} and {@code '} escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A quoted identifier: {@code "co2"}, with {@code \} and {@code "} escaped. */
    public static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code "tag" = 'value'} for a validated id. */
    public static String tagEquals(String tag, String parameter, String value) {
        return identifier(tag) + " = " + literal(IdParameter.require(parameter, value));
    }

    /**
     * A scope as an InfluxQL condition on the {@code site} or {@code site_kind} tag, in parentheses; empty
     * for all sites. Built from the token's scope, never from the request.
     */
    public static String scope(Scope scope) {
        if (scope.sites() != null) {
            StringBuilder b = new StringBuilder("(");
            for (String site : scope.sites()) {
                b.append(b.length() == 1 ? "" : " OR ").append(tagEquals("site", "site", site));
            }
            return b.append(')').toString();
        }
        if (scope.siteKind() != null) {
            return "(" + tagEquals("site_kind", "siteKind", scope.siteKind()) + ")";
        }
        return "";
    }
}
