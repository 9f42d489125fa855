package de.dos2030.iot.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scope matrix: how every route of the OpenAPI document applies the caller's scope. {@link ScopedAccessIT}
 * fails when the document has a route that is not here (a new route must be placed), when an entry here is
 * stale, and when a {@link Rule#SITE_DATA} route is not exercised by its property test.
 */
final class ScopeMatrix {
    private ScopeMatrix() {}

    /** How each route of the OpenAPI document applies the caller's scope. */
    enum Rule {
        /** Reads or changes site data: limited to the scope, exercised by the property test above. */
        SITE_DATA,
        /** Acts on the whole fleet (/admin): refused to a scoped token. */
        FLEET_ADMIN,
        /** Subscriptions by id: the owner's own; deliveries limited to the owner's scope when planned. */
        OWN,
        /** The live alert stream: steps of the scope's sites only. */
        STREAM,
        /** The gateways' ingest door: API tokens of any scope are refused. */
        INGEST,
        /** Open data: public sites for everyone; a token's scope makes its sites live (OpenExportIT). */
        OPEN,
        /** Silences: by the silence's site or gateway; 404 outside (ScopedAccessIT#silences...). */
        SILENCES,
        /** Agent release download: any gateway's token, or an admin token of scope all; others 403 (ReleaseIT). */
        RELEASE,
        /** Gateways enrolling with a claim code: no token at all; the code names the gateway (EnrolmentIT). */
        ENROL
    }

    static final Map<String, Rule> MATRIX = Map.ofEntries(
            Map.entry("GET /admin/audit", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/audit/verify", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/gateways", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/backup/registry", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/gateways", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/gateways/{id}", Rule.FLEET_ADMIN),
            Map.entry("DELETE /admin/gateways/{id}", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/gateways/{id}/disable", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/gateways/{id}/enable", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/gateways/{id}/sequences", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/gateways/{id}/token", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/gateways/{id}/claims", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/gateways/import", Rule.FLEET_ADMIN),
            Map.entry("POST /api/v1/enroll", Rule.ENROL),
            Map.entry("GET /admin/mosquitto/acl", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/mosquitto/passwd", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/mosquitto/sync", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/rollups", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/rollups/rebuild", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/tokens", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/releases/{version}", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/releases", Rule.FLEET_ADMIN),
            Map.entry("PUT /admin/gateways/{id}/agent", Rule.FLEET_ADMIN),
            Map.entry("GET /api/v1/releases/{version}/edge-agent.jar", Rule.RELEASE),
            Map.entry("POST /admin/tokens", Rule.FLEET_ADMIN),
            Map.entry("DELETE /admin/tokens/{id}", Rule.FLEET_ADMIN),
            Map.entry("GET /api/v1/alerts", Rule.SITE_DATA),
            Map.entry("GET /api/v1/alerts/active", Rule.SITE_DATA),
            Map.entry("GET /api/v1/alerts/stream", Rule.STREAM),
            Map.entry("GET /api/v1/alerts/{gatewayId}/{alertId}", Rule.SITE_DATA),
            Map.entry("GET /api/v1/alerts/{gatewayId}/{alertId}/captures", Rule.SITE_DATA),
            Map.entry("GET /api/v1/alerts/{gatewayId}/{alertId}/captures.csv", Rule.SITE_DATA),
            Map.entry("POST /api/v1/alerts/{gatewayId}/{alertId}/acknowledge", Rule.SITE_DATA),
            Map.entry("POST /api/v1/batches", Rule.INGEST),
            Map.entry("GET /api/v1/gateways", Rule.SITE_DATA),
            Map.entry("GET /api/v1/gateways/{id}", Rule.SITE_DATA),
            Map.entry("GET /api/v1/sensors", Rule.SITE_DATA),
            Map.entry("GET /api/v1/series", Rule.SITE_DATA),
            Map.entry("GET /api/v1/sites", Rule.SITE_DATA),
            Map.entry("GET /api/v1/sites/{site}", Rule.SITE_DATA),
            Map.entry("PUT /api/v1/sites/{site}", Rule.SITE_DATA),
            Map.entry("PATCH /api/v1/sites/{site}", Rule.SITE_DATA),
            Map.entry("POST /api/v1/sites/{site}/conflicts/{id}/accept", Rule.SITE_DATA),
            Map.entry("POST /api/v1/sites/{site}/conflicts/{id}/keep", Rule.SITE_DATA),
            Map.entry("PUT /api/v1/sites/{site}/locations/{location}", Rule.SITE_DATA),
            Map.entry("PATCH /api/v1/sites/{site}/locations/{location}", Rule.SITE_DATA),
            Map.entry("POST /api/v1/subscriptions", Rule.SITE_DATA),
            Map.entry("GET /api/v1/subscriptions", Rule.OWN),
            Map.entry("GET /api/v1/subscriptions/{id}", Rule.OWN),
            Map.entry("PUT /api/v1/subscriptions/{id}", Rule.OWN),
            Map.entry("DELETE /api/v1/subscriptions/{id}", Rule.OWN),
            Map.entry("GET /api/v1/subscriptions/{id}/deliveries", Rule.OWN),
            Map.entry("POST /api/v1/subscriptions/{id}/deliveries/{deliveryId}/retry", Rule.OWN),
            Map.entry("POST /api/v1/subscriptions/{id}/test", Rule.OWN),
            Map.entry("GET /api/v1/sites/{site}/condition", Rule.SITE_DATA),
            Map.entry("GET /api/v1/sites/{site}/condition.csv", Rule.SITE_DATA),
            Map.entry("GET /api/v1/sites/{site}/condition/baselines", Rule.SITE_DATA),
            Map.entry("POST /api/v1/sites/{site}/condition/baselines/relearn", Rule.SITE_DATA),
            Map.entry("GET /open/v1/catalog", Rule.OPEN),
            Map.entry("GET /api/v1/alerts/silenced", Rule.SILENCES),
            Map.entry("GET /api/v1/silences", Rule.SILENCES),
            Map.entry("POST /api/v1/silences", Rule.SILENCES),
            Map.entry("GET /api/v1/silences/{id}", Rule.SILENCES),
            Map.entry("DELETE /api/v1/silences/{id}", Rule.SILENCES),
            Map.entry("GET /api/v1/escalations", Rule.OWN),
            Map.entry("POST /api/v1/escalations", Rule.OWN),
            Map.entry("GET /api/v1/escalations/{id}", Rule.OWN),
            Map.entry("DELETE /api/v1/escalations/{id}", Rule.OWN),
            Map.entry("GET /api/v1/subscriptions/{id}/window", Rule.OWN),
            Map.entry("PUT /api/v1/subscriptions/{id}/window", Rule.OWN),
            Map.entry("DELETE /api/v1/subscriptions/{id}/window", Rule.OWN),
            Map.entry("POST /api/v1/subscriptions/{id}/window/holidays", Rule.OWN),
            Map.entry("GET /open/v1/sites/{site}/locations/{location}/{file}", Rule.OPEN),
            // fleet: remote configuration and staged rollouts (issue 20)
            Map.entry("PUT /admin/gateways/{id}/config", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/gateways/{id}/config", Rule.FLEET_ADMIN),
            Map.entry("DELETE /admin/gateways/{id}/config", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/fleet/drift", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/rollouts", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/rollouts", Rule.FLEET_ADMIN),
            Map.entry("GET /admin/rollouts/{id}", Rule.FLEET_ADMIN),
            Map.entry("POST /admin/rollouts/{id}/cancel", Rule.FLEET_ADMIN),
            Map.entry("GET /api/v1/gateway/desired", Rule.INGEST));

    /** Every route of the OpenAPI document the build generated, as "METHOD /path". */
    static Set<String> documentedRoutes() throws Exception {
        Set<String> out = new TreeSet<>();
        try (var in = ScopeMatrix.class.getResourceAsStream("/META-INF/swagger/dos-collector-api-0.1.yml")) {
            assertThat(in)
                    .as("the OpenAPI document (micronaut-openapi, at build time)")
                    .isNotNull();
            String path = null;
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                Matcher p = Pattern.compile("^  (/[^:]*):\\s*$").matcher(line);
                Matcher m = Pattern.compile("^    (get|put|post|patch|delete|head|options):\\s*$")
                        .matcher(line);
                if (line.matches("^\\S.*")) {
                    path = null; // a top-level key after paths (components, ...)
                }
                if (line.equals("paths:")) {
                    path = "";
                } else if (path != null && p.matches()) {
                    path = p.group(1);
                } else if (path != null && !path.isEmpty() && m.matches()) {
                    out.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + path);
                }
            }
        }
        return out;
    }
}
