package de.dos2030.iot.collector;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Starts the collector: the three ingest doors, the gateway registry, the query API, alerts and
 * their delivery, and the operations endpoints.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "dos-collector-api",
                        version = "0.1",
                        description =
                                "DOS IoT collector: ingest, query API for engineers, alerts and subscriptions. "
                                        + "Bearer tokens: gateway tokens may only POST /api/v1/batches; API tokens have a role (viewer, engineer, admin)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .eagerInitSingletons(true)
                .start();
    }
}
