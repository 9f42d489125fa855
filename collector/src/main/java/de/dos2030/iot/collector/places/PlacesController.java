package de.dos2030.iot.collector.places;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sites, their rooms and bridge sections, and where each sensor is (viewer and up read; admins
 * edit). Gateways fill this registry from their configuration files; after an admin's edit the
 * registry's value wins, and a gateway's later, different report shows as an open conflict under
 * {@code conflicts}, resolved by {@code .../accept} (take the reported value) or {@code .../keep}.
 * A caller sees and edits only the sites inside its scope; every edit is audited.
 */
@Controller("/api/v1/sites")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.VIEWER)
public class PlacesController {
    private final SiteViews views;
    private final PlaceRegistry registry;
    private final Audit audit;

    public PlacesController(SiteViews views, PlaceRegistry registry, Audit audit) {
        this.views = views;
        this.registry = registry;
        this.audit = audit;
    }

    @Operation(summary = "Sites with name, kind, position, time zone, public flag, number of locations and gateways")
    @Get
    public List<SiteViews.SiteSummary> sites(HttpRequest<?> request) {
        return views.list(Caller.of(request).scope());
    }

    @Operation(
            summary = "One site: its fields, locations (rooms or bridge sections) with their sensors, open conflicts")
    @Get("/{site}")
    public SiteViews.SiteDetail site(@PathVariable String site, HttpRequest<?> request) {
        return views.detail(
                IdParameter.require("site", site), Caller.of(request).scope());
    }

    @Operation(
            summary = "Replace a site's name, address, position, timeZone and public flag (admin); left-out fields"
                    + " are cleared; the fields become the admin's")
    @Put("/{site}")
    @Allowed(Role.ADMIN)
    public SiteViews.SiteDetail putSite(
            @PathVariable String site, @Body Map<String, Object> body, HttpRequest<?> request) {
        return editSite(site, body, true, request);
    }

    @Operation(
            summary = "Change some of a site's fields (admin): name, address, position {lat, lon}, timeZone,"
                    + " public; null clears one; closes the open conflicts of those fields")
    @Patch("/{site}")
    @Allowed(Role.ADMIN)
    public SiteViews.SiteDetail patchSite(
            @PathVariable String site, @Body Map<String, Object> body, HttpRequest<?> request) {
        return editSite(site, body, false, request);
    }

    @Operation(summary = "Create or replace a room (name, floor, number) or bridge section (name, at) (admin)")
    @Put("/{site}/locations/{location}")
    @Allowed(Role.ADMIN)
    public SiteViews.SiteDetail putLocation(
            @PathVariable String site,
            @PathVariable String location,
            @Body Map<String, Object> body,
            HttpRequest<?> request) {
        return editLocation(site, location, body, true, request);
    }

    @Operation(summary = "Change some fields of a room or bridge section (admin); null clears one")
    @Patch("/{site}/locations/{location}")
    @Allowed(Role.ADMIN)
    public SiteViews.SiteDetail patchLocation(
            @PathVariable String site,
            @PathVariable String location,
            @Body Map<String, Object> body,
            HttpRequest<?> request) {
        return editLocation(site, location, body, false, request);
    }

    @Operation(
            summary =
                    "Take a conflict's reported value into the registry; the field follows the gateways again (admin)")
    @Post("/{site}/conflicts/{id}/accept")
    @Allowed(Role.ADMIN)
    public PlaceConflict accept(
            @PathVariable String site,
            @Parameter(description = "conflict id") @PathVariable long id,
            HttpRequest<?> request) {
        return resolve(site, id, true, request);
    }

    @Operation(summary = "Keep the registry's value; the same reported value does not reopen the conflict (admin)")
    @Post("/{site}/conflicts/{id}/keep")
    @Allowed(Role.ADMIN)
    public PlaceConflict keep(
            @PathVariable String site,
            @Parameter(description = "conflict id") @PathVariable long id,
            HttpRequest<?> request) {
        return resolve(site, id, false, request);
    }

    private PlaceConflict resolve(String site, long id, boolean accept, HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        SiteViews.SiteDetail before = views.detail(IdParameter.require("site", site), caller.scope());
        PlaceConflict resolved = registry.resolve(site, id, accept, caller.subject());
        audit.record(
                caller,
                request,
                accept ? "place.conflict.accept" : "place.conflict.keep",
                "site/" + site + "/conflict/" + id,
                PlaceAudit.SiteFields.of(before),
                resolved);
        return resolved;
    }

    private SiteViews.SiteDetail editSite(
            String site, @Nullable Map<String, Object> body, boolean replace, HttpRequest<?> request) {
        IdParameter.require("site", site);
        Caller caller = Caller.of(request);
        SiteViews.SiteDetail before = views.detailOrNull(site, caller.scope());
        PlaceEdit edit = PlaceEdit.site(required(body), replace);
        registry.editSite(site, edit.changes(), edit.isPublic(), caller.subject());
        SiteViews.SiteDetail after = views.detail(site);
        audit.record(
                caller,
                request,
                "place.edit",
                "site/" + site,
                before == null ? null : PlaceAudit.SiteFields.of(before),
                PlaceAudit.SiteFields.of(after));
        return after;
    }

    private SiteViews.SiteDetail editLocation(
            String site, String location, @Nullable Map<String, Object> body, boolean replace, HttpRequest<?> request) {
        IdParameter.require("site", site);
        IdParameter.require("location", location);
        Caller caller = Caller.of(request);
        SiteViews.SiteDetail current = views.detail(site, caller.scope());
        LocationKind kind = LocationKind.of(SiteKind.valueOf(current.kind().toUpperCase(Locale.ROOT)));
        PlaceEdit edit = PlaceEdit.location(required(body), replace, kind);
        registry.editLocation(site, location, edit.changes(), replace, caller.subject());
        SiteViews.SiteDetail after = views.detail(site);
        audit.record(
                caller,
                request,
                "place.edit",
                "site/" + site + "/location/" + location,
                PlaceAudit.LocationFields.of(current, location),
                PlaceAudit.LocationFields.of(after, location));
        return after;
    }

    private static Map<String, Object> required(@Nullable Map<String, Object> body) {
        if (body == null) {
            throw new BadRequestException("the request needs a JSON object body");
        }
        return body;
    }
}
