package de.dos2030.iot.collector.places;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Places ({@code collector.places.*}).
 *
 * @param cacheTtl     how long {@link PlaceDirectory} answers from memory: with several collector instances on one
 *                     PostgreSQL, an edit made through another instance shows here after at most this long
 * @param recheckAfter an unchanged place report is skipped for this long; after it, it is compared with the
 *                     registry again (one read; a write only where they differ), so that a registry changed
 *                     elsewhere (another instance, a restored backup) is filled again
 */
@ConfigurationProperties("collector.places")
public record PlacesConfig(
        @Bindable(defaultValue = "30s") @NotNull Duration cacheTtl,
        @Bindable(defaultValue = "10m") @NotNull Duration recheckAfter) {}
