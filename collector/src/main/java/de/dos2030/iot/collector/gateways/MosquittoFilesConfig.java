package de.dos2030.iot.collector.gateways;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the collector writes Mosquitto's password and ACL files ({@code collector.mosquitto.*}).
 * Unset paths: the files are only served by the admin API. Entries the collector did not write
 * (the collector's own account, an operator's) are kept; entries of deleted gateways are removed.
 *
 * @param passwdFile       Mosquitto {@code password_file}
 * @param aclFile          Mosquitto {@code acl_file}
 * @param collectorUser    the collector's own broker account, given read access to all gateway topics
 * @param collectorPassword when set, the collector writes its own account's line too
 * @param reloadCommand    run by {@code /bin/sh -c} after every write so that Mosquitto applies the
 *                         files at once (a rotated, disabled or deleted gateway's token stops working
 *                         on MQTT too): {@code systemctl reload mosquitto} in production,
 *                         {@code scripts/dev-services.sh reload} in development; unset: nothing runs
 *                         and Mosquitto applies the files only when reloaded by hand
 * @param reloadTimeout    how long the reload command may take before it counts as failed
 */
@ConfigurationProperties("collector.mosquitto")
public record MosquittoFilesConfig(
        @Nullable Path passwdFile,
        @Nullable Path aclFile,
        @Bindable(defaultValue = "collector") @NotBlank String collectorUser,
        @Nullable String collectorPassword,
        @Nullable String reloadCommand,
        @Bindable(defaultValue = "10s") @NotNull Duration reloadTimeout) {}
