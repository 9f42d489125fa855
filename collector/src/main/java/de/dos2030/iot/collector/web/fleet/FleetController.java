package de.dos2030.iot.collector.web.fleet;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.fleet.drift.Drift;
import de.dos2030.iot.collector.fleet.drift.GatewayDrift;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.session.PageAccess;
import de.dos2030.iot.collector.web.session.WebSession;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet page ({@code /flotte}, English {@code /fleet}; viewer and up): every gateway with its
 * state, filtered by kind ({@code art}) and state ({@code zustand}) with a plain GET form; and one
 * gateway's page ({@code /flotte/{gateway}}). An unknown filter value is a 400 page naming it, an
 * unknown gateway a 404 page.
 */
@Controller
@Hidden
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
@PageAccess(Role.VIEWER)
public class FleetController {
    /** The tag colour of each drift state (the state's words and icon carry the meaning too). */
    static final Map<String, String> DRIFT_TONES = Map.of(
            "none", "disabled", "in-sync", "online", "pending", "late", "rolled-back", "offline", "refused", "offline");

    private final Fleet fleet;
    private final Pages pages;
    private final Drift drift;

    public FleetController(Fleet fleet, Pages pages, Drift drift) {
        this.fleet = fleet;
        this.pages = pages;
        this.drift = drift;
    }

    @Get("/flotte")
    public MutableHttpResponse<String> fleet(
            HttpRequest<?> request, @Nullable @QueryValue String art, @Nullable @QueryValue String zustand) {
        String kind = blankToNull(art);
        if (kind != null && !kind.equals("bridge") && !kind.equals("school")) {
            throw new BadRequestException("art '" + kind + "' is unknown (allowed: bridge, school)");
        }
        String stateName = blankToNull(zustand);
        GatewayState state = stateName == null ? null : GatewayState.parse(stateName);
        if (stateName != null && state == null) {
            throw new BadRequestException("zustand '" + stateName + "' is unknown (allowed: "
                    + String.join(
                            ", ",
                            Arrays.stream(GatewayState.values())
                                    .map(GatewayState::wireName)
                                    .toList())
                    + ")");
        }
        Fleet.Overview overview =
                fleet.overview(kind, state, WebSession.required(request).scope());
        Map<String, Object> model = new HashMap<>();
        model.put("overview", overview);
        model.put("kind", kind == null ? "" : kind);
        model.put("state", stateName == null ? "" : stateName);
        model.put("states", List.of(GatewayState.values()));
        Map<String, GatewayDrift> drifts = new HashMap<>();
        drift.all().forEach(d -> drifts.put(d.gatewayId(), d));
        model.put("drift", drifts);
        model.put("driftTones", DRIFT_TONES);
        return pages.ok(request, "fleet/fleet", model);
    }

    @Get("/fleet")
    public MutableHttpResponse<String> fleetEnglish(
            HttpRequest<?> request, @Nullable @QueryValue String art, @Nullable @QueryValue String zustand) {
        return fleet(request, art, zustand);
    }

    @Get("/flotte/{gateway}")
    public MutableHttpResponse<String> gateway(HttpRequest<?> request, @PathVariable String gateway) {
        Optional<Fleet.Detail> detail = IdParameter.isValid(gateway)
                ? fleet.gateway(gateway, WebSession.required(request).scope())
                : Optional.empty();
        if (detail.isEmpty()) {
            return pages.problem(request, HttpStatus.NOT_FOUND, "problem.detail.noGateway", abbreviate(gateway));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("gw", detail.get());
        model.put("drift", drift.of(gateway).orElse(null));
        model.put("driftTones", DRIFT_TONES);
        return pages.ok(request, "fleet/gateway", model);
    }

    @Get("/fleet/{gateway}")
    public MutableHttpResponse<String> gatewayEnglish(HttpRequest<?> request, @PathVariable String gateway) {
        return gateway(request, gateway);
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
