package de.dos2030.iot.collector.fleet.drift;

import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** {@code GET /admin/fleet/drift} (role admin): desired against reported configuration and agent, per gateway. */
@Controller("/admin/fleet")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class DriftController {
    private final Drift drift;

    public DriftController(Drift drift) {
        this.drift = drift;
    }

    @Get("/drift")
    public List<GatewayDrift> drift() {
        return drift.all();
    }
}
